// An in-memory FileSystem for core tests: POSIX paths, files as strings or bytes, symlinks to folders.
import type { DirEntry, FileStat, FileSystem } from '../../../src/core/ports';

type Node = { kind: 'file'; data: Uint8Array; mtimeMs: number } | { kind: 'symlink'; target: string };

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Node>();
  private clock = 1_700_000_000_000;
  reads = 0;
  /** Paths (files or folders) that exist but cannot be read, as without permission. */
  readonly denied = new Set<string>();
  /** Files that can be read but not written, as a read-only file in a read-only folder. */
  readonly unwritable = new Set<string>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.files.set(normalize(path), { kind: 'file', data, mtimeMs: this.clock++ });
  }

  symlink(path: string, target: string): void {
    this.files.set(normalize(path), { kind: 'symlink', target });
  }

  delete(path: string): void {
    this.files.delete(normalize(path));
  }

  text(path: string): string {
    const node = this.files.get(normalize(path));
    if (node?.kind !== 'file') throw fileError('ENOENT', path);
    return new TextDecoder().decode(node.data);
  }

  has(path: string): boolean {
    return this.files.has(normalize(path));
  }

  /** The path with symbolic links to folders on the way (or at its end) followed, as a real file system reads it. */
  private resolve(path: string): string {
    let resolved = '';
    const segments = normalize(path).split('/');
    for (let i = 0; i < segments.length; i++) {
      resolved = i === 0 ? segments[0] : `${resolved}/${segments[i]}`;
      for (let hops = 0; hops < 40; hops++) {
        const node = this.files.get(resolved);
        if (node?.kind !== 'symlink') break;
        resolved = normalize(node.target);
      }
    }
    return resolved;
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    path = this.resolve(path);
    if (this.denied.has(path)) throw fileError('EACCES', path);
    const prefix = normalize(path) + '/';
    const children = new Map<string, DirEntry['kind']>();
    for (const [file, node] of this.files) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) children.set(rest.slice(0, slash), children.get(rest.slice(0, slash)) ?? 'directory');
      else children.set(rest, node.kind);
    }
    if (!children.size && !this.isDirectory(path)) throw fileError('ENOENT', path);
    return [...children].map(([name, kind]) => ({ name, kind }));
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.reads++;
    if (this.denied.has(this.resolve(path))) throw fileError('EACCES', path);
    const node = this.files.get(this.resolve(path));
    if (node?.kind !== 'file') throw fileError('ENOENT', path);
    return node.data;
  }

  async readEntryFile(path: string, maxBytes: number) {
    if (this.denied.has(this.resolve(path))) throw fileError('EACCES', path);
    const node = this.files.get(this.resolve(path));
    if (node?.kind !== 'file') return undefined;
    this.reads++;
    return { size: node.data.length, mtimeMs: node.mtimeMs, bytes: node.data.length <= maxBytes ? node.data : undefined };
  }

  async stat(path: string): Promise<FileStat | undefined> {
    path = this.resolve(path);
    const node = this.files.get(path);
    if (node?.kind === 'file') return { size: node.data.length, mtimeMs: node.mtimeMs, kind: 'file' };
    if (this.isDirectory(path)) return { size: 0, mtimeMs: 0, kind: 'directory' };
    return undefined;
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    if (this.unwritable.has(this.resolve(path))) throw fileError('EACCES', path);
    this.files.set(normalize(path), { kind: 'file', data, mtimeMs: this.clock++ });
  }

  async createFile(path: string, data: Uint8Array): Promise<boolean> {
    if (this.files.has(normalize(path))) return false;
    await this.writeFile(path, data);
    return true;
  }

  async deleteFile(path: string): Promise<void> {
    this.delete(path);
  }

  join(...parts: string[]): string {
    return normalize(parts.join('/'));
  }

  private isDirectory(path: string): boolean {
    const prefix = normalize(path) + '/';
    for (const file of this.files.keys()) if (file.startsWith(prefix)) return true;
    return false;
  }
}

function normalize(path: string): string {
  return ('/' + path).replace(/\/+/g, '/').replace(/\/$/, '') || '/';
}

/** An error as Node's file system gives it: a code, and a message that starts with it. */
function fileError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${code === 'ENOENT' ? 'no such file or directory' : 'permission denied'}, open '${path}'`), { code });
}
