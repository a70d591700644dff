// POSIX path helpers for KB-relative paths (entries are keyed the same way on every platform), and
// two for the absolute paths of the file system the knowledge base is on (POSIX or Windows).

export function posixDirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function posixBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * How links compare paths: letter case aside (a link that differs only in case is still found,
 * and flagged), and Unicode form aside (macOS names files with decomposed accents, where links
 * are typed composed). Called for every Markdown link and entry path: ASCII skips normalizing.
 */
export function pathKey(path: string): string {
  const lower = path.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFC') : lower;
}

/** Joins and normalises `.`/`..`; a path that climbs above the root keeps its `..` segments. */
export function posixJoinNormalize(dir: string, relative: string): string {
  // Most links name a file beside, below or a few folders above the entry: leading `./` and `../`
  // are taken off the folder directly, and a plain rest is simply appended.
  let base = dir;
  let rest = relative;
  for (;;) {
    if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('../') && base && !base.endsWith('..')) {
      rest = rest.slice(3);
      const slash = base.lastIndexOf('/');
      base = slash < 0 ? '' : base.slice(0, slash);
    } else break;
  }
  if (rest && !rest.includes('./') && !rest.includes('//') && !rest.startsWith('/') && !rest.endsWith('/') && !rest.endsWith('/.') && !rest.endsWith('/..') && rest !== '.' && rest !== '..') {
    return base ? base + '/' + rest : rest;
  }
  const parts = base ? base.split('/') : [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else parts.push('..');
    } else parts.push(segment);
  }
  return parts.join('/');
}

/** File name without its Markdown extension. */
export function entryName(path: string): string {
  return posixBasename(path).replace(/\.(md|markdown)$/i, '');
}

/** A file or folder moved from one KB-relative path to another. */
export interface PathRename {
  from: string;
  to: string;
}

/** Where a path is after the renames: itself renamed, or inside a renamed folder; undefined when not moved. */
export function movedPath(path: string, renames: PathRename[]): string | undefined {
  for (const { from, to } of renames) {
    if (path === from) return to;
    if (path.startsWith(`${from}/`)) return to + path.slice(from.length);
  }
  return undefined;
}

/** The last name of an absolute path (POSIX or Windows). */
export function nameOf(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** The folder holding an absolute path (POSIX or Windows), or undefined at the top of the file system. */
export function parentFolder(path: string): string | undefined {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return undefined;
  const parent = trimmed.slice(0, cut);
  // The top keeps its separator: '/' or 'C:\'.
  return /[\\/]/.test(parent) ? parent : trimmed.slice(0, cut + 1);
}
