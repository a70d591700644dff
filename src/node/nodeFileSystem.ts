// The FileSystem port over Node's fs. Reads are synchronous inside async functions on purpose:
// for thousands of small files that is several times faster than the libuv thread pool, and the
// indexer already yields to the event loop every few milliseconds so nothing freezes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, EntryReader, EntryReaderOptions, FileKind, FileStat, FileSystem } from '../core/ports';
import { openForReading, readEntryFileSync } from './entryChunk';
import { WorkerEntryReader } from './workerEntryReader';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

function isPermissionError(error: unknown): boolean {
  return ['EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');
}

/**
 * Writes a file's bytes over its own, where a new file cannot take its place (other hard links, a
 * folder that takes no new file). Not all at once, as a rename is: a write that fails half way
 * (a full disk) puts the old bytes back, so the entry is never left cut short.
 */
function writeInPlace(target: string, data: Uint8Array): void {
  const old = fs.readFileSync(target);
  const fd = fs.openSync(target, 'r+');
  try {
    try {
      fs.writeSync(fd, data, 0, data.length, 0);
      fs.ftruncateSync(fd, data.length);
    } catch (error) {
      fs.writeSync(fd, old, 0, old.length, 0);
      fs.ftruncateSync(fd, old.length);
      throw error;
    }
  } finally {
    fs.closeSync(fd);
  }
}

export class NodeFileSystem implements FileSystem {
  async readDirectory(dir: string): Promise<DirEntry[]> {
    return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: kindOf(entry) }));
  }

  async readFile(file: string): Promise<Uint8Array> {
    const fd = openForReading(file);
    try {
      // A folder is left to the read, which says EISDIR as it always did.
      const stat = fs.fstatSync(fd);
      if (!stat.isFile() && !stat.isDirectory()) throw Object.assign(new Error('not a regular file but a named pipe or device'), { code: 'EINVAL' });
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  async readEntryFile(file: string, maxBytes: number): Promise<{ size: number; mtimeMs: number; ctimeMs: number; bytes?: Uint8Array } | undefined> {
    return readEntryFileSync(file, maxBytes);
  }

  openEntryReader(options: EntryReaderOptions): EntryReader {
    return new WorkerEntryReader(options);
  }

  async stat(file: string): Promise<FileStat | undefined> {
    try {
      const stat = fs.statSync(file);
      return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, kind: stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other' };
    } catch {
      return undefined;
    }
  }

  async writeFile(file: string, data: Uint8Array): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Through a symbolic link, the file it points to is written: the link stays a link.
    const target = realPathOrSelf(file);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    // A file with other hard links is written in place: a new file renamed over it would leave
    // them holding the old text.
    if (existing && existing.nlink > 1) {
      writeInPlace(target, data);
      return;
    }
    // A file this user may not write (read-only, or someone else's in a shared folder) is refused,
    // as an editor refuses it: renaming a new file over it needs only the folder's permission.
    if (existing) fs.accessSync(target, fs.constants.W_OK);
    // Otherwise beside the file and renamed over it, so a crash never leaves half an entry
    // behind; the new file keeps the old one's permissions.
    const temporary = `${target}.commons-${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, data, { mode: existing ? existing.mode & 0o7777 : undefined });
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      // A folder that takes no new file: the file, which may be written, is written in place.
      if (existing && isPermissionError(error)) {
        writeInPlace(target, data);
        return;
      }
      throw error;
    }
    try {
      if (existing) fs.chmodSync(temporary, existing.mode & 0o7777);
      fs.renameSync(temporary, target);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      // A sticky folder lets only a file's owner replace it: one this user may write is written in place.
      if (existing && isPermissionError(error)) {
        writeInPlace(target, data);
        return;
      }
      throw error;
    }
  }

  async realPath(file: string): Promise<string> {
    return realPathOrSelf(file);
  }

  async createFile(file: string, data: Uint8Array): Promise<boolean> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, data, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async deleteFile(file: string): Promise<void> {
    fs.rmSync(file, { force: true });
  }

  join(...parts: string[]): string {
    // The walk joins a folder and a plain name 100,000 times on a large knowledge base; path.join
    // normalizes the whole path each time, which cost a tenth of a second.
    if (parts.length === 2 && isPlainName(parts[1]) && this.isNormalFolder(parts[0])) return parts[0] + path.sep + parts[1];
    return path.join(...parts);
  }

  /** The last folder found normal: the walk joins all of a folder's files one after another. */
  private normalFolder = '';

  /** A folder path that path.join would keep as it is: absolute, no trailing separator, no doubled or dot segments. */
  private isNormalFolder(folder: string): boolean {
    if (folder === this.normalFolder) return true;
    if (!path.isAbsolute(folder) || folder.endsWith(path.sep) || path.normalize(folder) !== folder) return false;
    this.normalFolder = folder;
    return true;
  }
}

/** Where a path leads once its symbolic links are followed; the path itself when it leads nowhere (yet). */
function realPathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** A name that joins without normalizing: no separator, not `.` or `..`, not empty. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !(path.sep === '\\' && name.includes('\\'));
}

