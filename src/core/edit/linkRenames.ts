// Links that follow entries renamed or moved. When an entry's file moves, links to it from other
// entries (and relative links from the moved entry itself) would break: these edits rewrite just
// the part of each link that names the file, so that it reaches the same entry from its new place.
// What a link says besides (its text, `#heading`, `?query`, `|alias`, angle brackets, percent
// encoding) stays as written. Wikilinks that name an entry by its title need no edit: a title does
// not change with the file name.
import { bodyOf } from '../frontMatterBlock';
import { forEachMarkdownLink, forEachWikilink, linkDestination } from '../linkExpressions';
import { maskInlineCode, scanBody, wikiKey } from '../markdownScan';
import type { Link } from '../model';
import { entryName, movedPath, pathKey, posixBasename, posixDirname, posixJoinNormalize, type PathRename } from '../paths';
import type { TextEdit } from './textEdit';

/** Where links lead before the renames: the index answers this (EntryIndex.resolve). */
export interface LinkResolver {
  resolve(link: Link): string[];
}

export interface LinkRenameOptions {
  /** Rewrite Markdown links (false when the editor's own Markdown support already updates them). */
  markdown: boolean;
  /** Rewrite wikilinks. */
  wiki: boolean;
}

/**
 * The edits to `text`, the entry at `sourcePath` (KB-relative, before the renames), that keep each
 * of its links to an entry reaching that entry once `renames` are done. Links resolve as the
 * index resolves them before the renames; a link that is broken or names several entries is left
 * alone.
 */
export function linkEditsForRenames(sourcePath: string, text: string, renames: PathRename[], resolver: LinkResolver, options: LinkRenameOptions): TextEdit[] {
  const movedSource = movedPath(sourcePath, renames) ?? sourcePath;
  const { body, firstLine } = bodyOf(text);
  const links = scanBody(body, firstLine, sourcePath).links;
  if (!links.length) return [];
  const lineStarts = lineStartsOf(text);
  const edits: TextEdit[] = [];
  for (const link of links) {
    if (link.kind === 'markdown' ? !options.markdown : !options.wiki) continue;
    const targets = resolver.resolve(link);
    if (targets.length !== 1) continue;
    const target = targets[0];
    const movedTarget = movedPath(target, renames) ?? target;
    if (movedTarget === target && movedSource === sourcePath) continue;
    const lineStart = lineStarts[link.line - 1];
    if (lineStart === undefined) continue;
    const line = lineText(text, lineStart);
    const edit =
      link.kind === 'markdown'
        ? markdownLinkEdit(line, link, movedSource, movedTarget)
        : wikilinkEdit(line, link, target, movedTarget, resolver);
    if (edit) edits.push({ start: lineStart + edit.start, end: lineStart + edit.end, text: edit.text });
  }
  return edits;
}

/** The entries whose links may need edits for these renames: those linking to a moved entry, and the moved entries themselves. */
export function linkSourcesForRenames(paths: Iterable<string>, renames: PathRename[], backlinks: (path: string) => string[]): string[] {
  const sources = new Set<string>();
  for (const path of paths) {
    if (movedPath(path, renames) === undefined) continue;
    sources.add(path);
    for (const source of backlinks(path)) sources.add(source);
  }
  return [...sources];
}

/** A Markdown link's path, rewritten to reach `movedTarget` from where the source is now; undefined when it still does. */
function markdownLinkEdit(line: string, link: Link, movedSource: string, movedTarget: string): TextEdit | undefined {
  const match = matchAt(line, link.column - 1, forEachMarkdownLink);
  if (!match) return undefined;
  const written = linkDestination(match);
  // The destination starts after the first `](` that no backslash escapes: the label cannot hold one.
  const labelEnd = match.index + (line.charCodeAt(match.index) === 33 ? 1 : 0) + 1 + match[1].length;
  let start = labelEnd + 2;
  while (start < line.length && /\s/.test(line[start])) start++;
  const angled = match[2] !== undefined;
  if (angled) start++;
  if (line.slice(start, start + written.length) !== written) return undefined;
  // Only the path changes: a `?query` or `#heading` after it stays.
  let pathLength = written.length;
  for (const mark of ['?', '#']) {
    const at = written.indexOf(mark);
    if (at >= 0 && at < pathLength) pathLength = at;
  }
  const writtenPath = written.slice(0, pathLength);
  const rooted = link.target.startsWith('/');
  const reached = rooted ? posixJoinNormalize('', link.target.slice(1)) : posixJoinNormalize(posixDirname(movedSource), link.target);
  if (pathKey(reached) === pathKey(movedTarget)) return undefined;
  let path = rooted ? `/${movedTarget}` : relativePath(posixDirname(movedSource), movedTarget);
  if (!rooted && writtenPath.startsWith('./') && !path.startsWith('../')) path = `./${path}`;
  const text = angled ? path : encodeForBareLink(path, writtenPath.includes('%'));
  if (angled && /[<>\n]/.test(text)) return undefined;
  return { start, end: start + pathLength, text };
}

/** A wikilink's name, rewritten when it names the moved entry by its file name or path; undefined when it names it otherwise. */
function wikilinkEdit(line: string, link: Link, target: string, movedTarget: string, resolver: LinkResolver): TextEdit | undefined {
  if (movedTarget === target) return undefined;
  const match = matchAt(line, link.column - 1, forEachWikilink);
  if (!match) return undefined;
  const inner = match[1];
  const innerStart = match.index + 2;
  const bar = inner.indexOf('|');
  // Which side named the entry: the left, unless the right says it is the target
  // (`[[label|dendron://vault/name]]`) or only the right resolves (Dendron's `[[label|name]]`).
  const right = bar < 0 ? '' : inner.slice(bar + 1).trim();
  const leftNamesIt = bar < 0 || (!right.startsWith('dendron://') && resolver.resolve({ ...link, altKey: undefined }).includes(target));
  const side = leftNamesIt ? { at: innerStart, text: bar < 0 ? inner : inner.slice(0, bar) } : { at: innerStart + bar + 1, text: inner.slice(bar + 1) };
  // The name: the side without surrounding spaces, a `#heading` or Dendron's `dendron://vault/` prefix.
  let nameStart = side.at + (side.text.length - side.text.trimStart().length);
  let name = side.text.trim();
  const hash = name.indexOf('#');
  if (hash >= 0) name = name.slice(0, hash).trimEnd();
  const prefix = /^dendron:\/\/[^/]*\//.exec(name);
  if (prefix) {
    nameStart += prefix[0].length;
    name = name.slice(prefix[0].length);
  }
  const extension = /\.(md|markdown)$/i.exec(name)?.[0] ?? '';
  const key = wikiKey(name.slice(0, name.length - extension.length));
  let renamed: string;
  if (name.includes('/') && key === wikiKey(withoutExtension(target))) renamed = movedTarget; // a path from the root: `[[folder/note]]`
  else if (key === wikiKey(entryName(target))) renamed = posixBasename(movedTarget); // the file name
  else return undefined; // the title, or another name: the move changes nothing it names
  // A new file name another entry has (as its file name or title) would make the link lead to
  // both: such a link names the entry by its path instead.
  if (!renamed.includes('/') && resolver.resolve({ ...link, key: wikiKey(withoutExtension(renamed)), altKey: undefined }).some((other) => other !== target)) renamed = movedTarget;
  // Written with its extension or without, as before.
  if (!extension) renamed = withoutExtension(renamed);
  if (renamed === name) return undefined;
  // A name cannot hold `]`, `|`, `#` or a line break: such a file name is left for the user to link.
  if (/[\]|#\n]/.test(renamed)) return undefined;
  return { start: nameStart, end: nameStart + name.length, text: renamed };
}

/**
 * The expression's match that starts at `index` on the line, found as the scan found it: on the
 * line with its code spans blanked, which keeps every offset.
 */
function matchAt(line: string, index: number, forEach: (text: string, visit: (match: RegExpExecArray) => void) => void): RegExpExecArray | undefined {
  const visible = line.includes('`') ? maskInlineCode(line) : line;
  let found: RegExpExecArray | undefined;
  forEach(visible, (match) => {
    if (match.index === index) found = match;
  });
  return found;
}

function withoutExtension(path: string): string {
  return path.replace(/\.(md|markdown)$/i, '');
}

/** The relative path from folder `fromDir` to `to` (both KB-relative). */
export function relativePath(fromDir: string, to: string): string {
  const from = fromDir ? fromDir.split('/') : [];
  const parts = to.split('/');
  let common = 0;
  while (common < from.length && common < parts.length - 1 && from[common] === parts[common]) common++;
  return [...from.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}

/**
 * A path written as a bare link destination: spaces, angle brackets and parentheses (and a `%`
 * that would read as an escape) are percent-encoded, as a bare destination cannot hold them as
 * they are. `encoded`: the link was written percent-encoded, so other characters URLs escape are
 * encoded too.
 */
function encodeForBareLink(path: string, encoded: boolean): string {
  return path
    .split('/')
    .map((segment) => (encoded ? encodeURIComponent(segment).replace(/%2B/g, '+') : segment.replace(/%(?=[0-9a-fA-F]{2})/g, '%25').replace(/[ <>()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())))
    .join('/');
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function lineText(text: string, start: number): string {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, end);
}
