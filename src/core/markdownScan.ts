// Headings and links from Markdown body text, in one pass over its lines. The strings returned
// may be pieces of `body`: callers that keep them detach them (see entryParser). Code fences and inline
// code are skipped, because links written inside code are examples, not links. Regular
// expressions run only on lines that can hold what they look for: this pass runs on every file.
import type { Heading, Link } from './model';
import { forEachMarkdownLink, forEachWikilink, linkDestination } from './linkExpressions';
import { pathKey, posixDirname, posixJoinNormalize } from './paths';

export interface BodyScan {
  headings: Heading[];
  links: Link[];
}

const HTML_COMMENT_LINE = /^\s*<!--.*-->\s*$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * @param body Markdown after the front matter.
 * @param firstLine 1-based line number of the body's first line in the file.
 * @param entryPath KB-relative path of the entry, to resolve relative links.
 */
export function scanBody(body: string, firstLine: number, entryPath: string): BodyScan {
  const headings: Heading[] = [];
  const links: Link[] = [];
  const dir = posixDirname(entryPath);
  const length = body.length;
  // The open code fence's character (` or ~) and length; 0 outside code.
  let fenceChar = 0;
  let fenceLength = 0;
  // The latest heading while nothing but blank lines or comments has followed it.
  let unanswered: Heading | undefined;
  // Where the next text that could matter starts. The scan jumps from one of these to the next,
  // so lines of plain prose are only counted, never looked at.
  let nextHash = body.indexOf('#');
  let nextBackticks = body.indexOf('```');
  let nextTildes = body.indexOf('~~~');
  let nextWiki = body.indexOf('[[');
  let nextLink = body.indexOf('](');
  let offset = 0;
  let line = firstLine;
  while (offset <= length) {
    if (nextHash >= 0 && nextHash < offset) nextHash = body.indexOf('#', offset);
    if (nextBackticks >= 0 && nextBackticks < offset) nextBackticks = body.indexOf('```', offset);
    if (nextTildes >= 0 && nextTildes < offset) nextTildes = body.indexOf('~~~', offset);
    if (nextWiki >= 0 && nextWiki < offset) nextWiki = body.indexOf('[[', offset);
    if (nextLink >= 0 && nextLink < offset) nextLink = body.indexOf('](', offset);
    let target: number;
    if (unanswered) target = offset; // every line counts until the heading gets some content
    else if (fenceChar) target = fenceChar === 96 ? nextBackticks : nextTildes; // only the closing fence counts
    else target = earliest(earliest(nextHash, nextBackticks), earliest(earliest(nextTildes, nextWiki), nextLink));
    if (target < 0) break;
    for (let newline = body.indexOf('\n', offset); newline >= 0 && newline < target; newline = body.indexOf('\n', offset)) {
      offset = newline + 1;
      line++;
    }
    let end = body.indexOf('\n', offset);
    if (end < 0) end = length;
    // Markdown allows up to three spaces before a heading or a fence.
    let start = offset;
    while (start < end && start - offset < 3 && body.charCodeAt(start) === 32) start++;
    const first = body.charCodeAt(start);
    if (fenceChar) {
      // Nothing inside code counts; a heading cannot be waiting here, the opening fence ended that.
      if (first === fenceChar && closesFence(body, start, end, fenceChar, fenceLength)) fenceChar = 0;
    } else if ((first === 96 || first === 126) && runLength(body, start, end, first) >= 3) {
      fenceChar = first;
      fenceLength = runLength(body, start, end, first);
      if (unanswered) unanswered.empty = false;
      unanswered = undefined;
    } else {
      const hasWiki = nextWiki >= offset && nextWiki < end;
      const hasMarkdown = nextLink >= offset && nextLink < end;
      if (first === 35 /* # */ || hasWiki || hasMarkdown || unanswered) {
        const text = lineText(body, offset, end);
        let isHeading = false;
        if (first === 35) {
          const heading = atxHeading(text, line);
          if (heading) {
            unanswered = heading;
            headings.push(unanswered);
            isHeading = true;
          }
        }
        if (hasWiki || hasMarkdown) {
          const visible = text.includes('`') ? maskInlineCode(text) : text;
          if (hasWiki) collectWikilinks(visible, line, links);
          if (hasMarkdown) collectMarkdownLinks(visible, line, dir, links);
        }
        if (unanswered && !isHeading && !isBlankOrComment(body, offset, end)) {
          unanswered.empty = false;
          unanswered = undefined;
        }
      }
    }
    if (end >= length) break;
    offset = end + 1;
    line++;
  }
  return { headings, links };
}

/**
 * An ATX heading (`## Text`, closing hashes optional) on `text`, a line starting with up to three
 * spaces and a `#`; undefined when the line is not one. Read by hand, exactly as the expression
 * /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/ reads it (a test holds them together): this
 * runs on every line that starts with `#`, and code samples have many.
 */
export function atxHeading(text: string, line: number): Heading | undefined {
  const length = text.length;
  let i = 0;
  while (i < 3 && text.charCodeAt(i) === 32) i++;
  const hashes = i;
  while (i < length && text.charCodeAt(i) === 35) i++;
  const level = i - hashes;
  if (level < 1 || level > 6 || !isSpaceOrTab(text.charCodeAt(i))) return undefined;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  const start = i;
  // The expression's `.` stops at line terminators, so a line holding one is no heading.
  if (LINE_TERMINATOR.test(text)) return undefined;
  let end = length;
  while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  // A closing run of hashes counts only after a space or tab.
  let closing = end;
  while (closing > start && text.charCodeAt(closing - 1) === 35) closing--;
  if (closing < end && closing > start && isSpaceOrTab(text.charCodeAt(closing - 1))) {
    end = closing;
    while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  }
  return { level, text: text.slice(start, end).trim(), line, empty: true };
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * The line with its code spans blanked out, the same length, exactly as replacing each match of
 * /(`+)[^`]*?\1/g with spaces would give (a test holds them together): a run of backticks closes
 * at the next run at least as long, else a run of two or more pairs off within itself.
 */
export function maskInlineCode(text: string): string {
  let masked = '';
  let copied = 0;
  let at = text.indexOf('`');
  while (at >= 0) {
    const run = runLength(text, at, text.length, 96);
    const next = text.indexOf('`', at + run);
    let end = -1;
    if (next >= 0 && runLength(text, next, text.length, 96) >= run) end = next + run;
    else if (run >= 2) end = at + 2 * Math.floor(run / 2);
    if (end < 0) {
      at = next;
      continue;
    }
    masked += text.slice(copied, at) + ' '.repeat(end - at);
    copied = end;
    at = text.indexOf('`', end);
  }
  return copied ? masked + text.slice(copied) : text;
}

/** The smaller of two string offsets, where -1 means "none". */
function earliest(a: number, b: number): number {
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

function lineText(body: string, offset: number, end: number): string {
  return body.charCodeAt(end - 1) === 13 ? body.slice(offset, end - 1) : body.slice(offset, end);
}

function runLength(body: string, start: number, end: number, char: number): number {
  let i = start;
  while (i < end && body.charCodeAt(i) === char) i++;
  return i - start;
}

/** A closing fence: at least as long as the opening one, with nothing but spaces after it. */
function closesFence(body: string, start: number, end: number, char: number, openLength: number): boolean {
  const run = runLength(body, start, end, char);
  // Nothing but whitespace may follow (any whitespace `trim()` knows, as for blank lines).
  return run >= openLength && (start + run === end || !body.slice(start + run, end).trim());
}

function isBlankOrComment(body: string, offset: number, end: number): boolean {
  let i = offset;
  while (i < end && isSpace(body.charCodeAt(i))) i++;
  if (i === end) return true;
  // Rarer whitespace (no-break spaces and the like) takes the slow, exact way.
  const text = body.slice(offset, end);
  return !text.trim() || HTML_COMMENT_LINE.test(text);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 11 || code === 12;
}

function collectWikilinks(text: string, line: number, links: Link[]): void {
  forEachWikilink(text, (m) => {
    // `[[x]](b.md)` is a Markdown link whose text is `[x]`, as CommonMark reads it: not a wikilink.
    if (text.charCodeAt(m.index + m[0].length) === 40 /* ( */) return;
    const inner = m[1];
    const bar = inner.indexOf('|');
    const left = bar >= 0 ? inner.slice(0, bar) : inner;
    const right = bar >= 0 ? inner.slice(bar + 1) : undefined;
    const [target, heading] = splitHeading(left.trim());
    const link: Link = { kind: 'wiki', target, line, column: m.index + 1, key: wikiKey(target) };
    if (heading) link.heading = heading;
    if (right !== undefined) {
      link.alias = right.trim();
      // Dendron writes [[label|target]]: offer the right side as a second candidate, or as the
      // only one when it says so (`dendron://vault/note`): the left is then just a label.
      const [rightTarget, rightHeading] = splitHeading(link.alias);
      if (link.alias.startsWith('dendron://')) {
        link.key = wikiKey(rightTarget);
        if (rightHeading) link.heading = rightHeading;
      } else link.altKey = wikiKey(rightTarget);
    }
    links.push(link);
  });
}

function collectMarkdownLinks(text: string, line: number, dir: string, links: Link[]): void {
  forEachMarkdownLink(text, (m) => {
    if (text.charCodeAt(m.index) === 33 /* ! */) return; // images are not links between entries
    let raw = linkDestination(m);
    const query = raw.indexOf('?');
    if (query >= 0) raw = raw.slice(0, query);
    const [pathPart, heading] = splitHeading(raw);
    let decoded = pathPart;
    if (pathPart.includes('%')) {
      try {
        decoded = decodeURIComponent(pathPart);
      } catch {
        // A stray '%' is kept as written.
      }
    }
    // Web links, in-page anchors and links to other files are not links between entries.
    if (!isEntryTarget(decoded) || SCHEME.test(pathPart) || pathPart.startsWith('//')) return;
    const resolved = decoded.startsWith('/') ? posixJoinNormalize('', decoded.slice(1)) : posixJoinNormalize(dir, decoded);
    const link: Link = { kind: 'markdown', target: decoded, line, column: m.index + 1, key: resolved };
    if (heading) link.heading = heading;
    links.push(link);
  });
}

/** Only links to Markdown files connect entries; images, code and other files are not entries. */
function isEntryTarget(target: string): boolean {
  const dot = target.lastIndexOf('.');
  if (dot < 0) return false;
  const extension = target.length - dot;
  if (extension !== 3 && extension !== 9) return false;
  const lower = target.slice(dot).toLowerCase();
  return lower === '.md' || lower === '.markdown';
}

function splitHeading(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');
  return hash >= 0 ? [target.slice(0, hash), target.slice(hash + 1) || undefined] : [target, undefined];
}

/**
 * Wikilink names compare as paths do (see pathKey: letter case and Unicode form aside), without
 * `.md` and without Dendron's `dendron://vault/` prefix. The result may share memory with `name`
 * (often it is `name`): pass a detached string when the key will be kept.
 */
export function wikiKey(name: string): string {
  let key = name.trim();
  if (key.startsWith('dendron://')) key = key.replace(/^dendron:\/\/[^/]*\//, '');
  key = pathKey(key);
  return key.endsWith('.md') ? key.slice(0, -3) : key;
}

/**
 * A link as its entry writes it, for messages and views: a wikilink with both sides of its bar, as
 * Dendron writes [[label|target]] and either side may be the name; a Markdown link by its path.
 */
export function writtenLink(link: Link): string {
  if (link.kind !== 'wiki') return link.target;
  return `[[${link.target}${link.heading ? `#${link.heading}` : ''}${link.alias !== undefined ? `|${link.alias}` : ''}]]`;
}
