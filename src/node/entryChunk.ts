// Reading a chunk of entry files in one synchronous pass, packed for a cheap hand-over between
// threads: one buffer for all the bytes, typed arrays for the facts. The reader thread runs this;
// when no thread can be had, the main thread runs the same code. The thread may also scan the
// files it read (scanEntryChunk) and send the scans with the bytes.
import * as fs from 'node:fs';
import { scanEntryBody } from '../core/entryText';
import { PackedTextBlock } from '../core/packedTextBlock';
import type { ScannedBody } from '../core/model';
import { sameFileFacts } from '../core/entryReading';
import type { EntryFileResult, FileFacts } from '../core/ports';

export interface ChunkRequest {
  paths: string[];
  /** The files' paths in the knowledge base; present when the reader may scan them (scanEntryChunk). */
  entryPaths?: string[];
  /** Which of the load's chunks this is, counting from 0: whether to scan depends on how far ahead it is. */
  chunk?: number;
  /** Per path: the size a snapshot remembers, or NaN when the file is new to it. */
  knownSizes: Float64Array;
  knownMtimes: Float64Array;
  knownCtimes: Float64Array;
  maxBytes: number;
  /** Only stat the files (see EntryReader.stat): their sizes and mtimes, no bytes. */
  statOnly?: boolean;
}

const enum Status {
  Missing,
  Unchanged,
  Failed,
  Read,
  TooLarge,
  Deferred,
  /** A file of a statOnly request: its size and mtime are in the result. */
  Stated,
}

/**
 * Bytes a chunk reads at most (its first file is always read). Chunks are counted in files, so
 * without this cap four chunks of 2 MB files would hold a gigabyte; with it a chunk of typical
 * entries (a few KB each) never comes near, and larger files wait to be read one at a time.
 */
export const CHUNK_BYTE_BUDGET = 4 << 20;

export interface ChunkResult {
  statuses: Uint8Array;
  sizes: Float64Array;
  mtimes: Float64Array;
  ctimes: Float64Array;
  /** File i's bytes are bytes[offsets[i], offsets[i + 1]). */
  offsets: Float64Array;
  bytes: ArrayBuffer;
  /** Messages of failed reads, by position. */
  messages: Record<number, string>;
  /** By position: the body scan of a file read (status Read), or 0 for a file not scanned. */
  scans?: Array<ScannedBody<0> | 0>;
  /** The packed headings and links of the scanned files (see ScannedBody.texts). */
  texts?: ArrayBuffer;
}

/** Where file bytes go: a caller's buffer (fresh bytes) or a chunk's shared arena. */
interface ByteSink {
  reserve(size: number): Uint8Array;
}

/**
 * Opens a file to read without waiting: a named pipe (a link named like an entry may lead to one)
 * would otherwise block the open until something writes to it, maybe forever. The caller checks
 * with fstat that it is a regular file before reading. (Regular files ignore the flag.)
 */
export function openForReading(file: string): number {
  return fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
}

/** A file's size, mtime, change time and (at most maxBytes) bytes from one open; undefined when it is gone or not a file. */
export function readEntryFileSync(file: string, maxBytes: number, sink: ByteSink = freshBytes): { size: number; mtimeMs: number; ctimeMs: number; bytes?: Uint8Array } | undefined {
  let fd: number;
  try {
    fd = openForReading(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxBytes) return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs };
    const bytes = sink.reserve(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, bytes: read === stat.size ? bytes : bytes.subarray(0, read) };
  } finally {
    fs.closeSync(fd);
  }
}

const freshBytes: ByteSink = { reserve: (size) => Buffer.allocUnsafe(size) };

/**
 * One growing buffer for a whole chunk. It starts from the buffer an earlier chunk returned, so a
 * load of 100,000 files cycles through a few buffers instead of leaving hundreds of megabytes of
 * dead ones for the garbage collector to find.
 */
class ChunkArena implements ByteSink {
  used = 0;
  constructor(public buffer: ArrayBuffer) {}

  reserve(size: number): Uint8Array {
    if (this.used + size > this.buffer.byteLength) {
      const larger = new ArrayBuffer(Math.max(2 * this.buffer.byteLength, this.used + size, MIN_ARENA_BYTES));
      new Uint8Array(larger).set(new Uint8Array(this.buffer, 0, this.used));
      this.buffer = larger;
    }
    const bytes = new Uint8Array(this.buffer, this.used, size);
    this.used += size;
    return bytes;
  }

  /** Gives back what a file did not fill (it shrank while being read). */
  trim(reserved: number, filled: number): void {
    this.used -= reserved - filled;
  }
}

const MIN_ARENA_BYTES = 1 << 20;

/** Reads a chunk of files; `spare` is a buffer an earlier chunk is done with. */
export function readEntryChunk(request: ChunkRequest, spare?: ArrayBuffer): ChunkResult {
  const count = request.paths.length;
  const statuses = new Uint8Array(count);
  const sizes = new Float64Array(count);
  const mtimes = new Float64Array(count);
  const ctimes = new Float64Array(count);
  const offsets = new Float64Array(count + 1);
  const messages: Record<number, string> = {};
  const arena = new ChunkArena(spare ?? new ArrayBuffer(request.statOnly ? 0 : MIN_ARENA_BYTES));
  for (let i = 0; i < count; i++) {
    offsets[i] = arena.used;
    if (request.statOnly) {
      statOne(request.paths[i], i, { statuses, sizes, mtimes, ctimes, messages });
      continue;
    }
    if (arena.used >= CHUNK_BYTE_BUDGET) {
      statuses[i] = Status.Deferred;
      continue;
    }
    const path = request.paths[i];
    try {
      if (!Number.isNaN(request.knownSizes[i])) {
        const stat = fs.statSync(path, { throwIfNoEntry: false });
        const known = { size: request.knownSizes[i], mtimeMs: request.knownMtimes[i], ctimeMs: request.knownCtimes[i] };
        if (stat?.isFile() && sameFileFacts(known, stat)) {
          statuses[i] = Status.Unchanged;
          continue;
        }
      }
      const file = readEntryFileSync(path, request.maxBytes, arena);
      if (!file) {
        statuses[i] = Status.Missing;
        continue;
      }
      sizes[i] = file.size;
      mtimes[i] = file.mtimeMs;
      ctimes[i] = file.ctimeMs;
      if (!file.bytes) {
        statuses[i] = Status.TooLarge;
        continue;
      }
      statuses[i] = Status.Read;
      arena.trim(file.size, file.bytes.length);
    } catch (error) {
      statuses[i] = Status.Failed;
      messages[i] = (error as Error).message;
      arena.used = offsets[i];
    }
  }
  offsets[count] = arena.used;
  return { statuses, sizes, mtimes, ctimes, offsets, bytes: arena.buffer, messages };
}

function statOne(path: string, i: number, result: Pick<ChunkResult, 'statuses' | 'sizes' | 'mtimes' | 'ctimes' | 'messages'>): void {
  try {
    const stat = fs.statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      result.statuses[i] = Status.Missing;
      return;
    }
    result.statuses[i] = Status.Stated;
    result.sizes[i] = stat.size;
    result.mtimes[i] = stat.mtimeMs;
    result.ctimes[i] = stat.ctimeMs;
  } catch (error) {
    result.statuses[i] = Status.Failed;
    result.messages[i] = (error as Error).message;
  }
}

/** What a statOnly request found: each file's size and mtime, or undefined when it has none to give. */
export function chunkFacts(result: ChunkResult): Array<FileFacts | undefined> {
  const facts: Array<FileFacts | undefined> = [];
  for (let i = 0; i < result.statuses.length; i++) {
    facts.push(result.statuses[i] === Status.Stated ? { size: result.sizes[i], mtimeMs: result.mtimes[i], ctimeMs: result.ctimes[i] } : undefined);
  }
  return facts;
}

/**
 * Scans the bodies of the files a chunk read (see ChunkRequest.entryPaths), up to
 * THREAD_MAX_FILE_BYTES each, for the indexer to parse the rest of each file, while
 * `worthScanning` says so. A file whose
 * scan fails, or that the parser would skip, is left without one, and the indexer scans it itself.
 */
export function scanEntryChunk(result: ChunkResult, entryPaths: string[], fieldKeys: readonly string[], worthScanning: () => boolean = () => true): void {
  const scans: Array<ScannedBody<0> | 0> = [];
  let scanning = true;
  for (let i = 0; i < result.statuses.length; i++) {
    scans.push(0);
    if (result.statuses[i] !== Status.Read || result.offsets[i + 1] - result.offsets[i] > THREAD_MAX_FILE_BYTES) continue;
    // Once not worth it, the rest of the chunk goes unscanned.
    if (scanning && !worthScanning()) scanning = false;
    if (!scanning) continue;
    try {
      scans[i] = scanEntryBody(entryPaths[i], new Uint8Array(result.bytes, result.offsets[i], result.offsets[i + 1] - result.offsets[i]), fieldKeys, packedTexts) ?? 0;
    } catch {
      // Left to the indexer.
    }
  }
  result.scans = scans;
  result.texts = packedTexts.take();
}

/** Where a thread's scans pack their texts, one chunk at a time: it keeps its buffer between chunks. */
const packedTexts = new PackedTextBlock();

/**
 * Files larger than this are left for the indexer to scan, whatever the thread does with the rest
 * of their chunk: the thread's heap is small (see readerThread.ts), and a thread that runs out of
 * it may take the whole process down rather than end cleanly.
 */
export const THREAD_MAX_FILE_BYTES = 256 << 10;

/** The buffers a ChunkResult can hand over to another thread without copying. */
export function transferablesOf(result: ChunkResult): ArrayBuffer[] {
  const buffers = [result.statuses.buffer, result.sizes.buffer, result.mtimes.buffer, result.ctimes.buffer, result.offsets.buffer, result.bytes] as ArrayBuffer[];
  if (result.texts) buffers.push(result.texts);
  return buffers;
}

export function chunkRequest(paths: string[], known: Array<FileFacts | undefined>, maxBytes: number): ChunkRequest {
  const knownSizes = new Float64Array(paths.length).fill(NaN);
  const knownMtimes = new Float64Array(paths.length).fill(NaN);
  const knownCtimes = new Float64Array(paths.length).fill(NaN);
  known.forEach((facts, i) => {
    if (!facts) return;
    knownSizes[i] = facts.size;
    knownMtimes[i] = facts.mtimeMs;
    knownCtimes[i] = facts.ctimeMs ?? 0;
  });
  return { paths, knownSizes, knownMtimes, knownCtimes, maxBytes };
}

/** One result per file. */
export function chunkResults(result: ChunkResult): EntryFileResult[] {
  const results: EntryFileResult[] = [];
  // One view of the chunk's packed texts, shared by the entries whose scans point into it.
  const texts = result.texts ? new Uint8Array(result.texts) : undefined;
  for (let i = 0; i < result.statuses.length; i++) {
    switch (result.statuses[i] as Status) {
      case Status.Missing:
        results.push({ status: 'missing' });
        break;
      case Status.Unchanged:
        results.push({ status: 'unchanged' });
        break;
      case Status.Deferred:
      case Status.Stated:
        results.push({ status: 'deferred' });
        break;
      case Status.Failed:
        results.push({ status: 'failed', message: result.messages[i] });
        break;
      case Status.TooLarge:
        results.push({ status: 'read', size: result.sizes[i], mtimeMs: result.mtimes[i], ctimeMs: result.ctimes[i] });
        break;
      case Status.Read: {
        const bytes = new Uint8Array(result.bytes, result.offsets[i], result.offsets[i + 1] - result.offsets[i]);
        const read: EntryFileResult = { status: 'read', size: result.sizes[i], mtimeMs: result.mtimes[i], ctimeMs: result.ctimes[i], bytes };
        const scan = result.scans?.[i];
        // Only files with a scan carry the field, so results compare equal to a plain read's.
        if (scan && texts) {
          const scanned = scan as unknown as ScannedBody;
          scanned[0] = texts;
          read.scanned = scanned;
        }
        results.push(read);
        break;
      }
    }
  }
  return results;
}
