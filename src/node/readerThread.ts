// The reader thread, one per process, shared by every WorkerEntryReader and kept between loads.
// A thread started for each load ran its reading and scanning code cold every time: on cpp-docs
// that made the thread's share of a load take about twice as long as the same work once compiled.
// Kept, it starts once, and a reload, a refresh or a second knowledge base finds it ready. It never
// keeps the process alive on its own (it is referenced only while it owes an answer), and it ends
// once no reader has used it for a while.
import { Worker } from 'node:worker_threads';
import type { ChunkRequest, ChunkResult } from './entryChunk';

/**
 * The thread keeps little between chunks, so a small heap is plenty. Its young generation holds
 * a whole chunk's scan: with 1 MB the thread spent a fifth of its time collecting garbage.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };

/** A thread no reader has used for this long ends, giving back its memory. */
const IDLE_MS = 60_000;

/** What a reader tells the thread when it opens: how to parse or scan for it. */
export interface ReaderSetup {
  /**
   * The front-matter keys the reader's load parses (see fieldKeysOf); without them (a reader that
   * only reads) the thread never scans for it.
   */
  fieldKeys?: string[];
  /**
   * How many chunks the indexer is done with, shared with the thread: it scans a chunk's bodies
   * only while the indexer has other chunks to work on (see entryReaderWorker.ts).
   */
  progress?: Int32Array;
  /** How many chunks ahead of the indexer a chunk must be for the thread to go on scanning it; tests set it. */
  scanWhileAhead?: number;
}

/** Messages to the thread. */
export type ThreadMessage =
  | ({ kind: 'open'; reader: number } & ReaderSetup)
  | { kind: 'close'; reader: number }
  | { kind: 'chunk'; id: number; reader: number; request: ChunkRequest; spare?: ArrayBuffer };

/** A reader using the thread. */
export interface ThreadUser {
  /** The thread stopped; what it owed this reader was answered with undefined just before. */
  stopped(reason: string): void;
}

type Settle = (result: ChunkResult | undefined) => void;

export class ReaderThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { reader: number; settle: Settle }>();
  private readonly users = new Map<number, ThreadUser>();
  private nextId = 0;
  private nextReader = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private gone = false;

  /** Throws when the thread cannot be created; `onGone` is told once it has stopped for good. */
  constructor(script: string, private readonly onGone: () => void, private readonly idleMs = IDLE_MS) {
    this.worker = new Worker(script, { resourceLimits: WORKER_LIMITS });
    this.worker.unref();
    this.worker.on('message', (message: { id: number; result: ChunkResult }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return; // Its reader closed: nobody waits for it any more.
      this.forget(message.id);
      pending.settle(message.result);
    });
    this.worker.on('error', (error) => this.stop(error.message));
    this.worker.on('exit', (code) => this.stop(`exit code ${code}`));
  }

  get alive(): boolean {
    return !this.gone;
  }

  /** Registers a reader; its number goes with each of its requests. */
  open(user: ThreadUser, setup: ReaderSetup): number {
    const reader = this.nextReader++;
    this.users.set(reader, user);
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.post({ kind: 'open', reader, ...setup });
    return reader;
  }

  request(reader: number, request: ChunkRequest, spare: ArrayBuffer | undefined, settle: Settle): void {
    // A thread that has stopped answers at once, with nothing: the caller reads the files itself.
    if (this.gone) {
      settle(undefined);
      return;
    }
    const id = this.nextId++;
    // While the thread owes an answer, it keeps the process alive, as a pending read would.
    if (this.pending.size === 0) this.worker.ref();
    this.pending.set(id, { reader, settle });
    this.post({ kind: 'chunk', id, reader, request, spare }, spare ? [spare] : []);
  }

  /** The reader is done: what the thread still owes it is answered with undefined now. */
  close(reader: number): void {
    if (!this.users.delete(reader)) return;
    const owed = [...this.pending].filter(([, pending]) => pending.reader === reader);
    for (const [id] of owed) this.forget(id);
    for (const [, pending] of owed) pending.settle(undefined);
    this.post({ kind: 'close', reader });
    if (!this.users.size && !this.gone) {
      this.idleTimer = setTimeout(() => this.retire(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  /**
   * Ends a thread no reader uses. It counts as gone at once, so a reader that comes while it is
   * still ending gets a new thread rather than one about to stop.
   */
  private retire(): void {
    if (this.gone || this.users.size) return;
    this.gone = true;
    this.onGone();
    void this.worker.terminate();
  }

  private forget(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private post(message: ThreadMessage, transfer: ArrayBuffer[] = []): void {
    if (!this.gone) this.worker.postMessage(message, transfer);
  }

  /** The thread ended (it failed, or idled out): every request still owed is answered with undefined, every reader told. */
  private stop(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    clearTimeout(this.idleTimer);
    this.onGone();
    const owed = [...this.pending.values()];
    this.pending.clear();
    const users = [...this.users.values()];
    this.users.clear();
    for (const user of users) user.stopped(reason);
    for (const { settle } of owed) settle(undefined);
  }
}

/** The running thread for each script (tests start others beside the real one). */
const threads = new Map<string, ReaderThread>();

/**
 * The thread running `script`, started if there is none; throws when it cannot be started.
 * `idleMs` is for tests: how long the thread a call starts waits unused before it ends.
 */
export function readerThread(script: string, idleMs?: number): ReaderThread {
  const running = threads.get(script);
  if (running?.alive) return running;
  const thread = new ReaderThread(
    script,
    () => {
      if (threads.get(script) === thread) threads.delete(script);
    },
    idleMs,
  );
  threads.set(script, thread);
  return thread;
}
