// The thread that reads entry files ahead of the indexer, and parses some (see workerEntryReader.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseContext } from '../core/entryParser';
import { Vocabulary } from '../core/vocabulary';
import { parseEntryChunk, readEntryChunk, transferablesOf } from './entryChunk';
import type { ChunkMessage, ReaderThreadData } from './workerEntryReader';

const { config } = (workerData ?? {}) as ReaderThreadData;
// No string pool here: the entries are copied into JSON, and the main thread pools their values.
const context: ParseContext | undefined = config && { config, vocabulary: Vocabulary.fromConfig(config), detachStrings: false };

parentPort?.on('message', (message: ChunkMessage) => {
  const result = readEntryChunk(message.request, message.spare);
  if (message.request.entryPaths && context) parseEntryChunk(result, message.request.entryPaths, context);
  parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
});
