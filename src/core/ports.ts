// What the core needs from outside. The CLI and the editor each provide these; tests use in-memory fakes.
import type { ParseContext } from './entryParser';
import type { Entry, ScannedBody } from './model';

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: FileKind;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
  /** When the file's data or facts last changed (see FileFacts.ctimeMs); absent where unknown. */
  ctimeMs?: number;
  kind: FileKind;
}

/** Paths given to a FileSystem are absolute, in the platform's own form. */
export interface FileSystem {
  readDirectory(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Reads a file's facts and, when it is at most `maxBytes` long, its bytes, in one open: the
   * indexer calls this for every entry, so it must cost no more than a plain read.
   */
  readEntryFile(path: string, maxBytes: number): Promise<{ size: number; mtimeMs: number; ctimeMs?: number; bytes?: Uint8Array } | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * Optional: a reader that fetches many entry files ahead of the indexer, for example on another
   * thread, so reading the next files overlaps with parsing the last ones. Without it the indexer
   * reads one file at a time through `readEntryFile` and `stat`.
   */
  openEntryReader?(options: EntryReaderOptions): EntryReader;
  /** Writes the file's bytes; through a symbolic link, the file it points to (the link stays). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Optional: the path once symbolic links are followed, so that two paths to one file are written once. */
  realPath?(path: string): Promise<string>;
  /** Creates the file only if it does not exist; returns false when it already did. */
  createFile(path: string, data: Uint8Array): Promise<boolean>;
  deleteFile(path: string): Promise<void>;
  join(...parts: string[]): string;
}

export interface EntryReaderOptions {
  /** Files larger than this are not read (the index lists them as skipped). */
  maxBytes: number;
  /**
   * How the indexer parses entries. With it a reader may scan some files itself (on another
   * thread), as parseEntryBytes would, and answer with the scans (see ScannedBody).
   */
  parse?: ParseContext;
  /** Told when the reader falls back to slower reading (its thread could not start, or stopped). */
  log?: Logger;
}

/** One file for an EntryReader; `known` is what a snapshot remembers of it. */
export interface EntryFileRequest {
  /** Absolute, in the platform's own form. */
  path: string;
  /** The entry's path in the knowledge base: a reader that scans needs it (to resolve links). */
  entryPath?: string;
  /** When the file still has these facts (sameFileFacts), its bytes are not read. */
  known?: FileFacts;
}

export type EntryFileResult =
  | { status: 'missing' }
  | { status: 'unchanged' }
  | { status: 'failed'; message: string }
  /**
   * `bytes` is absent when the file is larger than the reader's maxBytes. `scanned` is its body's
   * headings and links when the reader scanned them (a reader given a ParseContext may).
   */
  | { status: 'read'; size: number; mtimeMs: number; ctimeMs?: number; bytes?: Uint8Array; scanned?: ScannedBody }
  /**
   * Not read: its chunk already held as many bytes as the reader takes at once, or the reader was
   * closed first. The caller reads it on its own (readEntryFile) if it still wants it.
   */
  | { status: 'deferred' };

/** What a stat tells of a file: whether to read it again (a snapshot keeps them per entry). */
export interface FileFacts {
  size: number;
  mtimeMs: number;
  /**
   * The file's change time (ctime), where the file system has one. Unlike the mtime, no tool can
   * set it: a file written again with its old size and mtime put back (`touch -d`, `cp -p`,
   * `rsync -t`, an unpacked archive) still has a new one, which is how git notices such files too.
   */
  ctimeMs?: number;
}

export interface EntryReader {
  /** One result per request, in the same order. */
  read(requests: EntryFileRequest[]): Promise<EntryFileResult[]>;
  /**
   * Each file's size and mtime, without reading it, in the same order: undefined for a file that
   * is missing, not a file, or that the reader could not stat (the caller then reads it).
   */
  stat(paths: string[]): Promise<Array<FileFacts | undefined>>;
  /** The caller is done with these results' bytes: the reader may reuse their memory. */
  release(results: EntryFileResult[]): void;
  /**
   * Frees what the reader holds (a thread). Reads still waiting come back deferred and stats still
   * waiting are answered on the calling thread; later reads and stats run there.
   */
  close(): void;
}

export interface Logger {
  info(component: string, message: string): void;
  warn(component: string, message: string): void;
  error(component: string, message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Runs git with arguments that are never interpreted by a shell. */
export interface GitRunner {
  /** Streams standard output as chunks; rejects with a GitError on a non-zero exit. */
  stream(args: string[], cwd: string, onChunk: (chunk: string) => void, env?: Record<string, string>): Promise<void>;
  /** `env` adds variables for this call only (for example GIT_INDEX_FILE). On failure, the GitError carries the standard output too. */
  run(args: string[], cwd: string, env?: Record<string, string>): Promise<string>;
}

export class GitError extends Error {
  /** `stdout`: what the command printed before failing, where some commands put their reasons (`push --porcelain`). */
  constructor(message: string, readonly exitCode: number, readonly stderr: string, readonly stdout = '') {
    super(message);
    this.name = 'GitError';
  }
}

/** What git said when a command failed (a remote's hook rejecting a push, say): its error output, else the error's message. */
export function gitFailureDetail(error: unknown): string {
  return error instanceof GitError ? error.stderr.trim() || error.message : error instanceof Error ? error.message : String(error);
}
