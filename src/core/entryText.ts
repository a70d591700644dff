// From a file's bytes to its text and its body's headings and links, without reading any YAML:
// the parser starts here, and the reader thread scans bodies with this alone, so it never loads a
// YAML parser unless it parses whole entries.
import { bodyOf } from './frontMatterBlock';
import { scanBody } from './markdownScan';
import type { Heading, ScannedBody } from './model';
import { packHeadings, packLinks } from './restoredEntry';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a file is not read as an entry: the finding's message. */
export interface UnreadableText {
  skipped: string;
}

const BINARY: UnreadableText = { skipped: 'binary file named like Markdown: skipped' };
const NOT_UTF8: UnreadableText = { skipped: 'file is not UTF-8 text: skipped (save it as UTF-8 to include it)' };

/** The file's text, or why it is not read as an entry. */
export function entryTextOf(bytes: Uint8Array): string | UnreadableText {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return looksBinary(bytes) ? BINARY : NOT_UTF8;
  }
  // A search of the text finds no NUL in almost every file, far faster than a loop over the
  // bytes; only a file with one pays for the exact check.
  if (text.indexOf('\u0000') >= 0 && looksBinary(bytes)) return BINARY;
  return text;
}

/** A NUL byte among the first 8,000, as git decides a file is binary. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).indexOf(0) >= 0;
}

export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text of the first level-1 heading: what an entry's title falls back to. */
export function firstTitleOf(headings: Heading[]): string | undefined {
  return headings.find((heading) => heading.level === 1)?.text;
}

/**
 * The body scan the parser would make of these bytes, packed, for another thread to hand in with
 * them (see parseEntryBytes); undefined for a file the parser skips (binary, not UTF-8).
 */
export function scanEntryBody(path: string, bytes: Uint8Array): ScannedBody | undefined {
  const text = entryTextOf(bytes);
  if (typeof text !== 'string') return undefined;
  const { body, firstLine } = bodyOf(withoutByteOrderMark(text));
  const scan = scanBody(body, firstLine, path);
  return { headings: packHeadings(scan.headings), links: packLinks(scan.links), firstTitle: firstTitleOf(scan.headings) ?? null };
}
