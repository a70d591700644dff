// How the indexer fetches entry files: through the file system's own reader when it has one (the
// Node one reads on another thread), else one file at a time through the FileSystem port. Both
// give the same results; tests check the Node reader against this sequential one.
import type { EntryFileRequest, EntryFileResult, EntryReader, EntryReaderOptions, FileFacts, FileSystem } from './ports';

export function openEntryReader(fs: FileSystem, options: EntryReaderOptions): EntryReader {
  return fs.openEntryReader?.(options) ?? sequentialEntryReader(fs, options.maxBytes);
}

export function sequentialEntryReader(fs: FileSystem, maxBytes: number): EntryReader {
  return {
    async read(requests) {
      const results: EntryFileResult[] = [];
      for (const request of requests) results.push(await readEntryRequest(fs, request, maxBytes));
      return results;
    },
    async stat(paths) {
      const facts: Array<FileFacts | undefined> = [];
      for (const path of paths) {
        const stat = await fs.stat(path).catch(() => undefined);
        facts.push(stat?.kind === 'file' ? { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs } : undefined);
      }
      return facts;
    },
    release() {},
    close() {},
  };
}

/** What reading one file on its own gives: never deferred. */
export type ReadResult = Exclude<EntryFileResult, { status: 'deferred' }>;

/** One request: a stat when the snapshot knows the file (unchanged means no read), else a read. */
export async function readEntryRequest(fs: FileSystem, request: EntryFileRequest, maxBytes: number): Promise<ReadResult> {
  if (request.known) {
    const stat = await fs.stat(request.path);
    if (stat && stat.kind === 'file' && sameFileFacts(request.known, stat)) return { status: 'unchanged' };
  }
  try {
    const file = await fs.readEntryFile(request.path, maxBytes);
    return file ? { status: 'read', ...file } : { status: 'missing' };
  } catch (error) {
    return { status: 'failed', message: (error as Error).message };
  }
}

/**
 * Whether a file still is the one read before: the same size, mtime and change time. Size and
 * mtime alone miss a file written again with its old mtime put back; a change time of 0 or none
 * (a file system without one) matches only another.
 */
export function sameFileFacts(known: FileFacts, now: FileFacts): boolean {
  return known.size === now.size && known.mtimeMs === now.mtimeMs && (known.ctimeMs ?? 0) === (now.ctimeMs ?? 0);
}
