/**
 * Markdown (CommonMark / GitHub Flavored) built from untrusted strings: every string is escaped so it renders as
 * exactly itself, never as markup, HTML, a link, an autolink or math; only https URLs become links.
 */
import { CONTROL_CHARS, LONE_SURROGATE, hasUnsafeChars } from './safe-text';
import { httpsUrl } from './links';

/**
 * ASCII punctuation that means something somewhere in GFM: emphasis, code, links and images, HTML, headings,
 * lists, tables, strikethrough, entities, math (`$`), and the `:`/`.`/`@` that extended autolinks
 * (`https://…`, `www.…`, e-mail addresses) are recognised by. A backslash escape keeps each one literal.
 */
const PUNCTUATION = /[\\`*_{}[\]()#+\-.!|<>~&:@$]/g;

/**
 * Controls, bidi and invisible formatting characters as numeric character references: the rendered text keeps
 * the exact string, the Markdown source holds no raw control character, and a newline cannot end a table row.
 */
const UNSAFE = new RegExp(`[${CONTROL_CHARS}]`, 'g');
// CommonMark turns the reference to U+0000 into U+FFFD; lone surrogates cannot be written as references at all.

/** A string as Markdown inline text that renders as exactly that string. */
export function mdText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(PUNCTUATION, '\\$&')
    .replace(UNSAFE, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

/**
 * A string as a code span when it can be one exactly (no backtick, no control character: a code span shows its
 * content raw, so neither can be escaped inside it), else as escaped inline text.
 */
export function mdCode(text: string): string {
  if (text === '' || text.includes('`') || hasUnsafeChars(text) || /^\s|\s$/.test(text)) return mdText(text);
  return `\`${text}\``;
}

/** `[label](<url>)` for an https URL, else the escaped label alone. */
export function mdLink(label: string, url: string | undefined): string {
  const href = url === undefined ? undefined : httpsUrl(url);
  return href === undefined ? mdText(label) : `[${mdText(label)}](<${href}>)`;
}
