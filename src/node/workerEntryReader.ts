// An EntryReader that reads on a worker thread, and parses part of what it reads. Opening,
// reading and closing 100,000 small files costs seconds of system time; on its own thread that
// time overlaps with the work of the main thread. Parsing is most of a cold load: in a large
// knowledge base the thread parses two chunks in three and sends their entries as one JSON text,
// which the main thread turns back into entries in about a quarter of the time parsing would take
// it, while it parses the third chunk itself. A chunk's bytes travel as one buffer, moved rather than copied, and go
// back to the thread once used, so a whole load cycles through a few buffers. If the thread cannot
// start, later chunks are read on the calling thread; if it dies or the reader closes, chunks it
// had not answered come back deferred and the caller reads their files one at a time: slower,
// never lost. A warm start also stats its files here (stat), and stats left unanswered are
// answered on the calling thread.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CommonsConfig } from '../core/config';
import type { Entry } from '../core/model';
import type { EntryFileRequest, EntryFileResult, EntryReader, EntryReaderOptions, FileFacts } from '../core/ports';
import { unpackEntryBatch } from '../core/entryPacking';
import { chunkFacts, chunkRequest, chunkResults, parsedPaths, readEntryChunk, type ChunkRequest, type ChunkResult } from './entryChunk';

/** Released buffers up to this size are kept for the next chunks; a chunk of ordinary entries needs one megabyte. */
const MAX_SPARE_BYTES = 4 << 20;

/** Beside this module both in the bundle (dist/) and in the compiled tests (out/src/node/). */
export const ENTRY_READER_SCRIPT = path.join(__dirname, 'entryReaderWorker.js');

/**
 * The thread keeps nothing between chunks, so a small heap is plenty. Its young generation holds
 * a whole chunk's parse: with 1 MB the thread spent a fifth of its time collecting garbage.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };

/**
 * The thread parses only from this chunk on (12,800 files): its code starts cold in every load, so
 * on cpp-docs (9,746 files) parsing there made loads 20-40% slower, while from 100k files on it
 * makes them 15-20% faster.
 */
const THREAD_PARSES_FROM = 100;
/** Of every THREAD_PARSES_OF chunks from then on, the thread parses all but one (see the top of this file). */
const THREAD_PARSES_OF = 3;

/** What the thread is started with. */
export interface ReaderThreadData {
  /** The configuration to parse with; absent when the reader only reads. */
  config?: CommonsConfig;
  /**
   * How many chunks the indexer is done with (released), shared with the thread: it scans a
   * chunk's bodies only while the indexer has other chunks to work on (see scanWhileAhead).
   */
  progress?: Int32Array;
  /** See worthScanning in entryReaderWorker.ts; tests set it. */
  scanWhileAhead?: number;
}

export interface ChunkMessage {
  id: number;
  request: ChunkRequest;
  /** A buffer an earlier chunk is done with, to read into. */
  spare?: ArrayBuffer;
}

/** A request the thread has not answered; `settle` gets its result, or undefined when the thread is gone. */
interface Pending {
  settle: (result: ChunkResult | undefined) => void;
}

export class WorkerEntryReader implements EntryReader {
  private worker?: Worker;
  /** Set once the thread failed or the reader closed: later reads run on this thread. */
  private inProcess = false;
  private nextId = 0;
  private reads = 0;
  private stats = 0;
  private readonly pending = new Map<number, Pending>();
  /** Which buffer holds a result list's bytes, and the buffers released for reuse. */
  private readonly bufferOf = new WeakMap<EntryFileResult[], ArrayBuffer>();
  private readonly spares: ArrayBuffer[] = [];

  private readonly script: string;
  private readonly threadParsesFrom: number;
  /** Shared with the thread (ReaderThreadData.progress); absent where memory cannot be shared. */
  private readonly progress = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

  /**
   * `tuning` is for tests: another thread script, thread parsing from an earlier chunk, or body
   * scans on the thread however far ahead of the indexer it is (ReaderThreadData.scanWhileAhead).
   */
  constructor(private readonly options: EntryReaderOptions, private readonly tuning: { script?: string; threadParsesFrom?: number; scanWhileAhead?: number } = {}) {
    this.script = tuning.script ?? ENTRY_READER_SCRIPT;
    this.threadParsesFrom = tuning.threadParsesFrom ?? THREAD_PARSES_FROM;
  }

  read(requests: EntryFileRequest[]): Promise<EntryFileResult[]> {
    const request = chunkRequest(
      requests.map((one) => one.path),
      requests.map((one) => one.known),
      this.options.maxBytes,
    );
    // The first chunk is read here: a knowledge base that fits in one chunk never pays for a thread.
    const chunk = this.reads++;
    const worker = chunk === 0 ? undefined : this.start();
    if (!worker) return Promise.resolve(this.readHere(request));
    if (this.options.parse && requests.every((one) => one.entryPath !== undefined)) {
      request.entryPaths = requests.map((one) => one.entryPath!);
      request.parseEntries = chunk >= this.threadParsesFrom && chunk % THREAD_PARSES_OF !== 0;
      request.chunk = chunk;
    }
    return new Promise((resolve) => {
      const spare = this.spares.pop();
      this.post(worker, request, spare, (result) => resolve(result ? this.resultsOf(result, request) : request.paths.map(() => ({ status: 'deferred' }))));
    });
  }

  /** Stats on the thread, so that a warm start stats its files while it restores the snapshot. */
  stat(paths: string[]): Promise<Array<FileFacts | undefined>> {
    const none = new Float64Array(0);
    const request: ChunkRequest = { paths, knownSizes: none, knownMtimes: none, maxBytes: this.options.maxBytes, statOnly: true };
    // As with reads, the first is answered here: a small knowledge base never pays for a thread.
    const worker = this.stats++ === 0 ? undefined : this.start();
    if (!worker) return Promise.resolve(chunkFacts(readEntryChunk(request)));
    // If the thread stops before answering, the files are stat'ed here.
    return new Promise((resolve) => this.post(worker, request, undefined, (result) => resolve(chunkFacts(result ?? readEntryChunk(request)))));
  }

  private post(worker: Worker, request: ChunkRequest, spare: ArrayBuffer | undefined, settle: Pending['settle']): void {
    const id = this.nextId++;
    this.pending.set(id, { settle });
    const message: ChunkMessage = { id, request, spare };
    worker.postMessage(message, spare ? [spare] : []);
  }

  release(results: EntryFileResult[]): void {
    if (this.progress) Atomics.add(this.progress, 0, 1);
    const buffer = this.bufferOf.get(results);
    if (!buffer) return;
    this.bufferOf.delete(results);
    // A buffer that grew for large files is left to the garbage collector rather than kept.
    if (buffer.byteLength <= MAX_SPARE_BYTES) this.spares.push(buffer);
  }

  /** Stops the thread at once; reads still waiting are answered as deferred (see EntryFileResult). */
  close(): void {
    this.inProcess = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.deferWaiting();
    this.spares.length = 0;
  }

  private start(): Worker | undefined {
    if (this.inProcess) return undefined;
    if (this.worker) return this.worker;
    try {
      const workerData: ReaderThreadData = { config: this.options.parse?.config, progress: this.progress, scanWhileAhead: this.tuning.scanWhileAhead };
      const worker = new Worker(this.script, { resourceLimits: WORKER_LIMITS, workerData });
      worker.on('message', (message: { id: number; result: ChunkResult }) => {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.settle(message.result);
      });
      worker.on('error', (error) => this.fail(worker, error.message));
      worker.on('exit', (code) => this.fail(worker, `exit code ${code}`));
      this.worker = worker;
      return worker;
    } catch (error) {
      this.inProcess = true;
      this.options.log?.warn('index', `the reader thread could not start (${(error as Error).message}): files are read on the main thread`);
      return undefined;
    }
  }

  /** The thread stopped: what it had not answered is deferred, and later chunks are read here. */
  private fail(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.inProcess = true;
    this.options.log?.warn('index', `the reader thread stopped (${reason}): the rest is read on the main thread`);
    this.deferWaiting();
  }

  private deferWaiting(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { settle } of waiting) settle(undefined);
  }

  private readHere(request: ChunkRequest): EntryFileResult[] {
    return this.resultsOf(readEntryChunk(request, this.spares.pop()), request);
  }

  private resultsOf(result: ChunkResult, request: ChunkRequest): EntryFileResult[] {
    const results = chunkResults(result, this.parsedEntries(result, request));
    this.bufferOf.set(results, result.bytes);
    return results;
  }

  /**
   * The entries the thread parsed, with the knowledge base's pool. Should they ever not match the
   * files the thread says it parsed, none is used: those files come back deferred and are read
   * again one at a time.
   */
  private parsedEntries(result: ChunkResult, request: ChunkRequest): Entry[] {
    if (result.parsed === undefined) return [];
    try {
      const entries = unpackEntryBatch(result.parsed, this.options.parse?.pool);
      const expected = parsedPaths(result, request.entryPaths ?? []);
      return entries.length === expected.length && entries.every((entry, i) => entry.path === expected[i]) ? entries : [];
    } catch {
      return [];
    }
  }
}
