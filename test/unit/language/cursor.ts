/** `$$` marks the cursor in test documents. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('$$');
  if (offset < 0) throw new Error('no $$ cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 2), offset };
}
