// The thread that reads entry files ahead of the indexer, and parses some (see workerEntryReader.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseContext } from '../core/entryParser';
import { readEntryChunk, transferablesOf } from './entryChunk';
import type { ChunkMessage, ReaderThreadData } from './workerEntryReader';

const { config } = (workerData ?? {}) as ReaderThreadData;

/** The parser and its context, loaded on the first chunk to parse (see threadParsing.ts). */
let parsing: { parse: typeof import('./threadParsing').parseEntryChunk; context: ParseContext } | undefined;

function parser(): NonNullable<typeof parsing> | undefined {
  if (!config) return undefined;
  if (!parsing) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('./threadParsing') as typeof import('./threadParsing');
    parsing = { parse: loaded.parseEntryChunk, context: loaded.threadParseContext(config) };
  }
  return parsing;
}

parentPort?.on('message', (message: ChunkMessage) => {
  const result = readEntryChunk(message.request, message.spare);
  const entryPaths = message.request.entryPaths;
  if (entryPaths) {
    const thread = parser();
    if (thread) thread.parse(result, entryPaths, thread.context);
  }
  parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
});
