// The thread that reads entry files ahead of the indexer, and parses some (see workerEntryReader.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseContext } from '../core/entryParser';
import { readEntryChunk, scanEntryChunk, transferablesOf } from './entryChunk';
import type { ChunkMessage, ReaderThreadData } from './workerEntryReader';

const { config, progress, scanWhileAhead = 2 } = (workerData ?? {}) as ReaderThreadData;

/**
 * Scanning a chunk's bodies here saves the indexer most of their parse, but delays this thread's
 * next reads. So a chunk is scanned only while the indexer still has at least `scanWhileAhead`
 * chunks before it to work on (then the delay costs it nothing), and otherwise goes out at once.
 * Where the indexer's progress cannot be shared, two chunks in three are scanned.
 */
function worthScanning(chunk: number | undefined): boolean {
  if (chunk === undefined) return false;
  if (!progress) return chunk % 3 !== 0;
  return chunk - Atomics.load(progress, 0) >= scanWhileAhead;
}

/** The parser and its context, loaded on the first chunk to parse (see threadParsing.ts). */
let parsing: { parse: typeof import('./threadParsing').parseEntryChunk; context: ParseContext } | undefined;

function parser(): NonNullable<typeof parsing> | undefined {
  if (!config) return undefined;
  if (!parsing) {
    const loaded = require('./threadParsing') as typeof import('./threadParsing');
    parsing = { parse: loaded.parseEntryChunk, context: loaded.threadParseContext(config) };
  }
  return parsing;
}

parentPort?.on('message', (message: ChunkMessage) => {
  const result = readEntryChunk(message.request, message.spare);
  const { entryPaths, parseEntries } = message.request;
  const thread = entryPaths && parseEntries ? parser() : undefined;
  if (thread) thread.parse(result, entryPaths!, thread.context);
  else if (entryPaths && worthScanning(message.request.chunk)) scanEntryChunk(result, entryPaths);
  parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
});
