// Headings and links from Markdown body text, in one pass over its lines. Code fences and inline
// code are skipped, because links written inside code are examples, not links. Regular
// expressions run only on lines that can hold what they look for: this pass runs on every file.
import type { Heading, Link } from './model';
import { posixDirname, posixJoinNormalize } from './paths';
import { detach } from './detach';

export interface BodyScan {
  headings: Heading[];
  links: Link[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const WIKILINK = /\[\[([^\]\n]+?)\]\]/g;
const MARKDOWN_LINK = /!?\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g;
const INLINE_CODE = /(`+)[^`]*?\1/g;
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
  let fence: string | undefined;
  let current: Heading | undefined;
  // Where the next link-like or fence-like text starts: lines before it need no closer look.
  let nextWiki = body.indexOf('[[');
  let nextLink = body.indexOf('](');
  let nextFence = nextFenceAt(body, 0);
  let offset = 0;
  let line = firstLine;
  while (offset <= body.length) {
    let end = body.indexOf('\n', offset);
    if (end < 0) end = body.length;
    while (nextWiki >= 0 && nextWiki < offset) nextWiki = body.indexOf('[[', offset);
    while (nextLink >= 0 && nextLink < offset) nextLink = body.indexOf('](', offset);
    if (nextFence >= 0 && nextFence < offset) nextFence = nextFenceAt(body, offset);
    const first = body.charCodeAt(offset);
    const mayBeHeading = first === 35 /* # */ || first === 32;
    const mayFence = nextFence >= 0 && nextFence < end;
    const hasWiki = nextWiki >= 0 && nextWiki < end;
    const hasMarkdown = nextLink >= 0 && nextLink < end;
    // Only lines that can matter are cut out of the body; most prose lines are skipped untouched.
    if (mayBeHeading || mayFence || hasWiki || hasMarkdown || current?.empty) {
      let text = body.slice(offset, end);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      const fenceMatch = mayFence ? FENCE.exec(text) : null;
      let isHeading = false;
      if (fence) {
        if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && text.trim() === fenceMatch[1]) fence = undefined;
      } else if (fenceMatch) {
        fence = fenceMatch[1];
      } else {
        if (mayBeHeading) {
          const heading = ATX_HEADING.exec(text);
          if (heading) {
            current = { level: heading[1].length, text: detach(heading[2].trim()), line, empty: true };
            headings.push(current);
            isHeading = true;
          }
        }
        if (hasWiki || hasMarkdown) {
          const visible = text.includes('`') ? text.replace(INLINE_CODE, (m) => ' '.repeat(m.length)) : text;
          if (hasWiki) collectWikilinks(visible, line, links);
          if (hasMarkdown) collectMarkdownLinks(visible, line, dir, links);
        }
      }
      if (current?.empty && !isHeading && text.trim() && !/^\s*<!--.*-->\s*$/.test(text)) current.empty = false;
    }
    if (end >= body.length) break;
    offset = end + 1;
    line++;
  }
  return { headings, links };
}

/** Offset of the next ``` or ~~~ at or after `from`, or -1. */
function nextFenceAt(body: string, from: number): number {
  const backticks = body.indexOf('```', from);
  const tildes = body.indexOf('~~~', from);
  if (backticks < 0) return tildes;
  if (tildes < 0) return backticks;
  return Math.min(backticks, tildes);
}

function collectWikilinks(text: string, line: number, links: Link[]): void {
  WIKILINK.lastIndex = 0;
  for (let m = WIKILINK.exec(text); m; m = WIKILINK.exec(text)) {
    const inner = m[1];
    const bar = inner.indexOf('|');
    const left = bar >= 0 ? inner.slice(0, bar) : inner;
    const right = bar >= 0 ? inner.slice(bar + 1) : undefined;
    const [target, heading] = splitHeading(left.trim());
    const keys = [wikiKey(target)];
    // Dendron writes [[label|target]]: offer the right side as a second candidate.
    if (right !== undefined) keys.push(wikiKey(splitHeading(right.trim())[0]));
    links.push({ kind: 'wiki', target: detach(target), heading: heading && detach(heading), alias: right === undefined ? undefined : detach(right.trim()), line, column: m.index + 1, keys });
  }
}

function collectMarkdownLinks(text: string, line: number, dir: string, links: Link[]): void {
  MARKDOWN_LINK.lastIndex = 0;
  for (let m = MARKDOWN_LINK.exec(text); m; m = MARKDOWN_LINK.exec(text)) {
    if (m[0].startsWith('!')) continue; // images are not links between entries
    const raw = m[2];
    if (SCHEME.test(raw) || raw.startsWith('#') || raw.startsWith('//')) continue;
    const [pathPart, heading] = splitHeading(raw.split('?')[0]);
    let decoded = pathPart;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      // A stray '%' is kept as written.
    }
    if (!isEntryTarget(decoded)) continue;
    const resolved = decoded.startsWith('/') ? posixJoinNormalize('', decoded.slice(1)) : posixJoinNormalize(dir, decoded);
    links.push({ kind: 'markdown', target: detach(decoded), heading: heading && detach(heading), line, column: m.index + 1, keys: [detach(resolved), caseInsensitiveKey(resolved)] });
  }
}

/** Only links to Markdown files connect entries; images, code and other files are not entries. */
function isEntryTarget(target: string): boolean {
  const lower = target.toLowerCase();
  return lower.endsWith('.md') || lower.endsWith('.markdown');
}

function splitHeading(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');
  return hash >= 0 ? [target.slice(0, hash), target.slice(hash + 1) || undefined] : [target, undefined];
}

/** Second-chance key for Markdown links: case-insensitive file systems (and many sites) accept C4477.md for c4477.md. */
export function caseInsensitiveKey(path: string): string {
  return detach('path-ci:' + path.toLowerCase());
}

/** Wikilink names compare case-insensitively, without `.md` and without Dendron's `dendron://vault/` prefix. */
export function wikiKey(name: string): string {
  return detach('wiki:' + name.trim().replace(/^dendron:\/\/[^/]*\//, '').toLowerCase().replace(/\.md$/, ''));
}
