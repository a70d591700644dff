// An EntryReader that reads on a worker thread. Opening, reading and closing 100,000 small files
// costs seconds of system time; on its own thread that time overlaps with parsing on the main
// thread. A chunk's bytes travel as one buffer, moved rather than copied, and go back to the
// thread once parsed, so a whole load cycles through a few buffers. If the thread cannot start,
// later chunks are read on the calling thread; if it dies or the reader closes, chunks it had not
// answered come back deferred and the caller reads their files one at a time: slower, never lost.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EntryFileRequest, EntryFileResult, EntryReader } from '../core/ports';
import { chunkRequest, chunkResults, readEntryChunk, type ChunkRequest, type ChunkResult } from './entryChunk';

/** Released buffers up to this size are kept for the next chunks; a chunk of ordinary entries needs one megabyte. */
const MAX_SPARE_BYTES = 4 << 20;

/** Beside this module both in the bundle (dist/) and in the compiled tests (out/src/node/). */
export const ENTRY_READER_SCRIPT = path.join(__dirname, 'entryReaderWorker.js');

/** The thread only reads: a small heap is plenty and keeps its memory out of the way. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

export interface ChunkMessage {
  id: number;
  request: ChunkRequest;
  /** A buffer an earlier chunk is done with, to read into. */
  spare?: ArrayBuffer;
}

interface Pending {
  request: ChunkRequest;
  resolve: (results: EntryFileResult[]) => void;
}

export class WorkerEntryReader implements EntryReader {
  private worker?: Worker;
  /** Set once the thread failed or the reader closed: later reads run on this thread. */
  private inProcess = false;
  private nextId = 0;
  private reads = 0;
  private readonly pending = new Map<number, Pending>();
  /** Which buffer holds a result list's bytes, and the buffers released for reuse. */
  private readonly bufferOf = new WeakMap<EntryFileResult[], ArrayBuffer>();
  private readonly spares: ArrayBuffer[] = [];

  constructor(private readonly maxBytes: number, private readonly script = ENTRY_READER_SCRIPT) {}

  read(requests: EntryFileRequest[]): Promise<EntryFileResult[]> {
    const request = chunkRequest(
      requests.map((one) => one.path),
      requests.map((one) => one.known),
      this.maxBytes,
    );
    // The first chunk is read here: a knowledge base that fits in one chunk never pays for a thread.
    const worker = this.reads++ === 0 ? undefined : this.start();
    if (!worker) return Promise.resolve(this.readHere(request));
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve });
      const spare = this.spares.pop();
      const message: ChunkMessage = { id, request, spare };
      worker.postMessage(message, spare ? [spare] : []);
    });
  }

  release(results: EntryFileResult[]): void {
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
      const worker = new Worker(this.script, { resourceLimits: WORKER_LIMITS });
      worker.on('message', (message: { id: number; result: ChunkResult }) => {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.resolve(this.resultsOf(message.result));
      });
      worker.on('error', () => this.fail(worker));
      worker.on('exit', () => this.fail(worker));
      this.worker = worker;
      return worker;
    } catch {
      this.inProcess = true;
      return undefined;
    }
  }

  /** The thread stopped: what it had not answered is deferred, and later chunks are read here. */
  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.inProcess = true;
    this.deferWaiting();
  }

  private deferWaiting(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { request, resolve } of waiting) resolve(request.paths.map(() => ({ status: 'deferred' })));
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
