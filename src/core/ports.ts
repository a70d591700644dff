// What the core needs from outside. The CLI and the editor each provide these; tests use in-memory fakes.

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: FileKind;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
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
  readEntryFile(path: string, maxBytes: number): Promise<{ size: number; mtimeMs: number; bytes?: Uint8Array } | undefined>;
  stat(path: string): Promise<FileStat | undefined>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Creates the file only if it does not exist; returns false when it already did. */
  createFile(path: string, data: Uint8Array): Promise<boolean>;
  deleteFile(path: string): Promise<void>;
  join(...parts: string[]): string;
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
  /** `env` adds variables for this call only (for example GIT_INDEX_FILE). */
  run(args: string[], cwd: string, env?: Record<string, string>): Promise<string>;
}

export class GitError extends Error {
  constructor(message: string, readonly exitCode: number, readonly stderr: string) {
    super(message);
    this.name = 'GitError';
  }
}
