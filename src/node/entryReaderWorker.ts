// The thread that reads entry files ahead of the indexer (see workerEntryReader.ts).
import { parentPort } from 'node:worker_threads';
import { readEntryChunk, transferablesOf } from './entryChunk';
import type { ChunkMessage } from './workerEntryReader';

parentPort?.on('message', (message: ChunkMessage) => {
  const result = readEntryChunk(message.request, message.spare);
  parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
});
