// From a file's bytes to its text, its body's headings and links and, when it is plain, its front
// matter: the parser starts here, and the reader thread scans files with this alone. It loads
// js-yaml (the plain reader uses its resolvers of values) but not the `yaml` library.
import { bodyOf, splitFrontMatter, type FrontMatterBlock } from './frontMatterBlock';
import { scanBody } from './markdownScan';
import type { Heading, ScannedBody, ScannedFrontMatter } from './model';
import { frontMatterLayoutKey } from './frontMatterLayout';
import type { PackedTextBlock } from './packedTextBlock';
import { readSimpleYaml } from './simpleYaml';
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

/** The text of a file's first `count` bytes (all of them for -1), which a body scan found to be UTF-8. */
export function frontMatterText(bytes: Uint8Array, count: number): string | UnreadableText {
  return entryTextOf(count < 0 || count >= bytes.length ? bytes : bytes.subarray(0, count));
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
 * The body scan the parser would make of these bytes, packed into `block`, for another thread to
 * hand in with them (see parseEntryBytes); undefined for a file the parser skips (binary, not
 * UTF-8).
 */
export function scanEntryBody(path: string, bytes: Uint8Array, fieldKeys: readonly string[], block: PackedTextBlock): ScannedBody<0> | undefined {
  const decoded = entryTextOf(bytes);
  if (typeof decoded !== 'string') return undefined;
  // As parseEntryText does, after the byte order mark decoding dropped.
  const text = withoutByteOrderMark(decoded);
  const frontBlock = splitFrontMatter(text);
  const { body, firstLine } = bodyOf(text, frontBlock);
  const scan = scanBody(body, firstLine, path);
  const firstTitle = firstTitleOf(scan.headings) ?? null;
  const frontMatter = frontBlock && plainFrontMatter(frontBlock, fieldKeys);
  const { headingsAt, linksAt, linksEnd } = block.add(packHeadings(scan.headings), packLinks(scan.links));
  if (frontMatter) return [0, headingsAt, linksAt, linksEnd, firstTitle, 0, frontMatter];
  // A second byte order mark is rare enough to leave the parser the whole file to decode.
  return [0, headingsAt, linksAt, linksEnd, firstTitle, text === decoded ? frontMatterByteCount(bytes, text, frontBlock) : -1];
}

/**
 * A closed YAML block the fast reader takes, read as the parser would read it (see parseEntryText):
 * the parser then decodes nothing, and the strings it keeps are the copies another thread sent.
 * Of the data, only the fields the parser reads (`fieldKeys`, see fieldKeysOf) go along.
 */
function plainFrontMatter(block: FrontMatterBlock, fieldKeys: readonly string[]): ScannedFrontMatter | undefined {
  if (!block.closeLine || (block.language && block.language.toLowerCase() !== 'yaml')) return undefined;
  const keyLines = { firstLine: 2, lines: {} };
  const data = readSimpleYaml(block.yaml, keyLines);
  if (!data) return undefined;
  const values = fieldKeys.map((key) => (Object.hasOwn(data, key) ? data[key] : undefined));
  return [frontMatterLayoutKey(keyLines.lines, filledFieldNames(data, keyLines.lines)), block.language, block.closeLine, values];
}

/**
 * The bytes that decode to what splitFrontMatter reads of `text`: none without front matter, up
 * to the body's start with a closed one, all (-1) with an unclosed one.
 */
function frontMatterByteCount(bytes: Uint8Array, text: string, block: FrontMatterBlock | undefined): number {
  const byteOrderMark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!block) return byteOrderMark;
  if (!block.closeLine) return -1;
  return byteOrderMark + utf8Length(text, block.bodyStart);
}

/** The UTF-8 length of text[0, end); the text came from valid UTF-8, so every surrogate is paired. */
function utf8Length(text: string, end: number): number {
  let length = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/**
 * Top-level fields with a value. Names come from `fieldLines` when it has them: its keys are
 * property names, which the JavaScript engine keeps once for all entries.
 */
export function filledFieldNames(data: Record<string, unknown>, fieldLines: Record<string, number>): string[] {
  const names: string[] = [];
  for (const key of Object.keys(fieldLines)) if (Object.hasOwn(data, key) && !isEmptyValue(data[key])) names.push(key);
  for (const key of Object.keys(data)) if (!Object.hasOwn(fieldLines, key) && !isEmptyValue(data[key])) names.push(key);
  return names;
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
