// Snapshot files on disk (see snapshot.ts for its two parts). The lines are written and read a
// piece at a time, never whole; the texts are written a piece at a time and read whole, as bytes,
// since the restored entries keep pointing into them (about 75 MB at 100k entries, outside the
// JavaScript heap).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SnapshotPiece, SnapshotSource } from '../core/snapshot';

let writes = 0;

/**
 * The file name of a knowledge base's snapshot in the editor's storage, which every knowledge base
 * of the workspace shares: the root's folder name, to be read by a person, and a hash of its whole
 * path, so that two roots never share one (two clones of one repository end alike).
 */
export function snapshotFileName(root: string): string {
  const readable = path.basename(root).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40);
  return `snapshot-${readable}-${createHash('sha256').update(root).digest('hex').slice(0, 32)}.jsonl`;
}

/**
 * Files earlier releases kept a root's snapshot in, named by the end of the root's path in base64:
 * the lines, their texts, and the single JSON document of the first formats. A new snapshot
 * replaces them, so they are removed once it is written.
 */
export function legacySnapshotFileNames(root: string): string[] {
  const name = `snapshot-${Buffer.from(root).toString('base64url').slice(-80)}`;
  return [`${name}.jsonl`, snapshotTextsFile(`${name}.jsonl`), `${name}.json`];
}

/** Where a snapshot's texts (see snapshot.ts) are kept: beside its lines. */
export function snapshotTextsFile(file: string): string {
  return `${file}.texts`;
}

/**
 * Writes both parts beside their files, then renames over them (the texts first), so a crash
 * never leaves half a snapshot: at worst new texts beside old lines, which the restore refuses.
 * Each piece is written synchronously (no buffer is left waiting for the garbage collector), with
 * a turn of the event loop between pieces so the editor stays responsive.
 */
export async function writeSnapshotFile(file: string, pieces: Iterable<SnapshotPiece>): Promise<void> {
  // Names of their own per write, so two writes never share a temporary file.
  const suffix = `${process.pid}.${++writes}.tmp`;
  const temporary = { lines: `${file}.${suffix}`, texts: `${snapshotTextsFile(file)}.${suffix}` };
  const linesFd = fs.openSync(temporary.lines, 'w');
  let textsFd: number | undefined;
  let written = false;
  try {
    textsFd = fs.openSync(temporary.texts, 'w');
    for (const piece of pieces) {
      fs.writeSync(linesFd, piece.lines);
      fs.writeSync(textsFd, piece.texts);
      await new Promise((resolve) => setImmediate(resolve));
    }
    written = true;
  } finally {
    fs.closeSync(linesFd);
    if (textsFd !== undefined) fs.closeSync(textsFd);
    if (!written) for (const path of Object.values(temporary)) fs.rmSync(path, { force: true });
  }
  try {
    fs.renameSync(temporary.texts, snapshotTextsFile(file));
    fs.renameSync(temporary.lines, file);
  } catch (error) {
    // New texts beside old lines are refused at the next restore; only the temporaries go here,
    // and failing to remove them must not hide why the rename failed.
    for (const path of Object.values(temporary)) {
      try {
        fs.rmSync(path, { force: true });
      } catch {
        // Left behind; the next write uses names of its own.
      }
    }
    throw error;
  }
}

/**
 * A snapshot's texts as bytes, undefined when missing. Read whole, off the main thread, in as few
 * reads as the system allows (fs.readFile reads 512 KB at a time): they stay as they are until
 * entries read them.
 */
export async function readSnapshotTexts(file: string): Promise<Uint8Array | undefined> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(snapshotTextsFile(file), 'r');
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    for (let filled = 0; filled < size; ) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) return bytes.subarray(0, filled);
      filled += bytesRead;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Whether a snapshot's lines are on disk (its texts are checked when it is restored). */
export async function snapshotFileExists(file: string): Promise<boolean> {
  return fs.promises.stat(file).then(
    (stat) => stat.isFile(),
    () => false,
  );
}

/** A snapshot on disk, to restore: its lines read a block at a time, its texts whole while the lines are read. */
export function snapshotSource(file: string): SnapshotSource {
  return { lines: readSnapshotLines(file), texts: readSnapshotTexts(file) };
}

/**
 * Blocks of 32 KB decode to strings of at most 64 KB, which V8 allocates with ordinary young
 * objects and frees at the next scavenge. Megabyte blocks became "large objects" that only a full
 * collection frees: a 150 MB snapshot then left its whole text behind and raised peak memory by
 * over 100 MB.
 */
const SNAPSHOT_BLOCK_BYTES = 32 * 1024;

/**
 * The file's lines, read in blocks. Ends without error when the file does not exist. Reads are
 * synchronous (a block takes microseconds); the consumer yields to the event loop between lines.
 * A line longer than a block is gathered as a list of pieces and joined once, so each byte of it
 * is copied once however long it is.
 */
export async function* readSnapshotLines(file: string, blockBytes = SNAPSHOT_BLOCK_BYTES): AsyncGenerator<string> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return;
  }
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const block = Buffer.allocUnsafe(blockBytes);
    /** The start of a line whose end is not read yet. */
    let pending: string[] = [];
    for (;;) {
      const bytesRead = fs.readSync(fd, block, 0, blockBytes, null);
      const text = decoder.decode(block.subarray(0, bytesRead), { stream: bytesRead > 0 });
      if (bytesRead === 0) {
        const rest = pending.join('') + text;
        if (rest) yield* rest.split('\n');
        return;
      }
      const firstBreak = text.indexOf('\n');
      if (firstBreak < 0) {
        pending.push(text);
        continue;
      }
      pending.push(text.slice(0, firstBreak));
      yield pending.join('');
      const lastBreak = text.lastIndexOf('\n');
      if (lastBreak > firstBreak) yield* text.slice(firstBreak + 1, lastBreak).split('\n');
      pending = [text.slice(lastBreak + 1)];
    }
  } finally {
    fs.closeSync(fd);
  }
}
