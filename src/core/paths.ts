// POSIX path helpers for KB-relative paths (entries are keyed the same way on every platform).

export function posixDirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function posixBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins and normalises `.`/`..`; a path that climbs above the root keeps its `..` segments. */
export function posixJoinNormalize(dir: string, relative: string): string {
  // Most links name a file beside or below the entry: nothing to normalise.
  if (relative && !relative.includes('./') && !relative.includes('//') && !relative.startsWith('/') && !relative.endsWith('/') && !relative.endsWith('/.') && !relative.endsWith('/..') && relative !== '.' && relative !== '..') {
    return dir ? dir + '/' + relative : relative;
  }
  const parts = dir ? dir.split('/') : [];
  for (const segment of relative.split('/')) {
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
