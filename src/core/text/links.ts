/** Which URLs from files may become links: https only, in every output (reports, hovers, the editor). */

/**
 * The URL in canonical form when it is an absolute `https:` URL without credentials, else undefined
 * (`javascript:`, `data:`, `http:`, relative, malformed). The result holds no space, quote, `<`, `>` or
 * backslash, so it fits a Markdown `<…>` link destination and any attribute as it is.
 */
export function httpsUrl(url: string): string | undefined {
  if (url.length > MAX_URL_LENGTH) return undefined;
  // Every analysis asks for every technique's URL: the same few thousand strings.
  const known = checked.get(url);
  if (known !== undefined || checked.has(url)) return known;
  const result = check(url);
  if (checked.size >= MAX_CHECKED) checked.clear();
  checked.set(url, result);
  return result;
}

/** Longer URLs are not links anyone follows (attack.mitre.org pages are under 60 characters). */
const MAX_URL_LENGTH = 2048;
const checked = new Map<string, string | undefined>();
const MAX_CHECKED = 20_000;

function check(url: string): string | undefined {
  if (!url.startsWith('https:') && !/^\s*https:/i.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return undefined;
  return parsed.href.replace(/[\\"'<>`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
