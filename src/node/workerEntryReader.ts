// An EntryReader that reads on a worker thread, which also scans part of what it reads. Opening,
// reading and closing 100,000 small files costs seconds of system time; on its own thread that
// time overlaps with the work of the main thread. The thread is shared by every reader of the
// process and outlives each (readerThread.ts), so its code stays compiled from one load to the
// next. While the indexer has other chunks to parse, the thread scans the chunks it reads: their
// bodies' headings and links (most of a file's parse) and their front matter when it is plain, so
// the indexer is left with building the entries. (Parsing whole entries there, packed as JSON and
// unpacked here, cost more than it saved once the thread scanned.) A chunk's bytes travel as one
// buffer, moved rather than copied, and go back to the thread once used, so a whole load cycles
// through a few buffers. If the thread cannot start,
// later chunks are read on the calling thread; if it dies or the reader closes, chunks it had not
// answered come back deferred and the caller reads their files one at a time: slower, never lost.
// A warm start also stats its files here (stat), and stats left unanswered are answered on the
// calling thread.
import * as path from 'node:path';
import { fieldKeysOf } from '../core/entryParser';
import type { EntryFileRequest, EntryFileResult, EntryReader, EntryReaderOptions, FileFacts } from '../core/ports';
import { chunkFacts, chunkRequest, chunkResults, readEntryChunk, type ChunkRequest, type ChunkResult } from './entryChunk';
import { readerThread, type ReaderThread } from './readerThread';

/** A count of released chunks no chunk is ahead of: the thread scans nothing more for a closed reader. */
const NEVER_BEHIND = 2 ** 30;

/** Released buffers up to this size are kept for the next chunks; a chunk of ordinary entries needs one megabyte. */
const MAX_SPARE_BYTES = 4 << 20;

/** Beside this module both in the bundle (dist/) and in the compiled tests (out/src/node/). */
export const ENTRY_READER_SCRIPT = path.join(__dirname, 'entryReaderWorker.js');

export class WorkerEntryReader implements EntryReader {
  /** The shared reader thread and this reader's number there, once started. */
  private thread?: { thread: ReaderThread; reader: number };
  /** Set once the thread failed or the reader closed: later reads run on this thread. */
  private inProcess = false;
  private reads = 0;
  private stats = 0;
  /** Which buffer holds a result list's bytes, and the buffers released for reuse. */
  private readonly bufferOf = new WeakMap<EntryFileResult[], ArrayBuffer>();
  private readonly spares: ArrayBuffer[] = [];

  private readonly script: string;
  /** How many chunks the indexer has released, shared with the thread (ReaderSetup.progress); absent where memory cannot be shared. */
  private readonly progress = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

  /**
   * `tuning` is for tests: another thread script, or scans on the thread however far ahead of the
   * indexer it is (ReaderSetup.scanWhileAhead).
   */
  constructor(private readonly options: EntryReaderOptions, private readonly tuning: { script?: string; scanWhileAhead?: number } = {}) {
    this.script = tuning.script ?? ENTRY_READER_SCRIPT;
  }

  read(requests: EntryFileRequest[]): Promise<EntryFileResult[]> {
    const request = chunkRequest(
      requests.map((one) => one.path),
      requests.map((one) => one.known),
      this.options.maxBytes,
    );
    // The first chunk is read here: a knowledge base that fits in one chunk never pays for a thread.
    const chunk = this.reads++;
    if (chunk === 0 || !this.start()) return Promise.resolve(this.readHere(request));
    if (this.options.parse && requests.every((one) => one.entryPath !== undefined)) {
      request.entryPaths = requests.map((one) => one.entryPath!);
      request.chunk = chunk;
    }
    return new Promise((resolve) => {
      const spare = this.spares.pop();
      this.post(request, spare, (result) => resolve(result ? this.resultsOf(result) : request.paths.map(() => ({ status: 'deferred' }))));
    });
  }

  /** Stats on the thread, so that a warm start stats its files while it restores the snapshot. */
  stat(paths: string[]): Promise<Array<FileFacts | undefined>> {
    const none = new Float64Array(0);
    const request: ChunkRequest = { paths, knownSizes: none, knownMtimes: none, knownCtimes: none, maxBytes: this.options.maxBytes, statOnly: true };
    // As with reads, the first is answered here: a small knowledge base never pays for a thread.
    if (this.stats++ === 0 || !this.start()) return Promise.resolve(chunkFacts(readEntryChunk(request)));
    // If the thread stops before answering, the files are stat'ed here.
    return new Promise((resolve) => this.post(request, undefined, (result) => resolve(chunkFacts(result ?? readEntryChunk(request)))));
  }

  private post(request: ChunkRequest, spare: ArrayBuffer | undefined, settle: (result: ChunkResult | undefined) => void): void {
    const { thread, reader } = this.thread!;
    thread.request(reader, request, spare, settle);
  }

  release(results: EntryFileResult[]): void {
    if (this.progress) Atomics.add(this.progress, 0, 1);
    const buffer = this.bufferOf.get(results);
    if (!buffer) return;
    this.bufferOf.delete(results);
    // A buffer that grew for large files is left to the garbage collector rather than kept.
    if (buffer.byteLength <= MAX_SPARE_BYTES) this.spares.push(buffer);
  }

  /** Leaves the thread (it stays for later readers); reads still waiting are answered as deferred (see EntryFileResult). */
  close(): void {
    this.inProcess = true;
    // Chunks the thread has yet to answer are not worth scanning any more (a cancelled load).
    if (this.progress) Atomics.store(this.progress, 0, NEVER_BEHIND);
    const started = this.thread;
    this.thread = undefined;
    started?.thread.close(started.reader);
    this.spares.length = 0;
  }

  /** Whether this reader has the shared thread (started if need be); false once reads run here. */
  private start(): boolean {
    if (this.inProcess) return false;
    if (this.thread) return true;
    try {
      const thread = readerThread(this.script);
      const reader = thread.open(
        // The thread stopped: what it had not answered comes back deferred, and later chunks are read here.
        { stopped: (reason) => this.stopped(reason) },
        { fieldKeys: this.options.parse && fieldKeysOf(this.options.parse.config), progress: this.progress, scanWhileAhead: this.tuning.scanWhileAhead },
      );
      this.thread = { thread, reader };
      return true;
    } catch (error) {
      this.inProcess = true;
      this.options.log?.warn('index', `the reader thread could not start (${(error as Error).message}): files are read on the main thread`);
      return false;
    }
  }

  private stopped(reason: string): void {
    if (this.inProcess) return;
    this.thread = undefined;
    this.inProcess = true;
    this.options.log?.warn('index', `the reader thread stopped (${reason}): the rest is read on the main thread`);
  }

  private readHere(request: ChunkRequest): EntryFileResult[] {
    return this.resultsOf(readEntryChunk(request, this.spares.pop()));
  }

  private resultsOf(result: ChunkResult): EntryFileResult[] {
    const results = chunkResults(result);
    this.bufferOf.set(results, result.bytes);
    return results;
  }
}
