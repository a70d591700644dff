// The reader thread: reads entry files ahead of the indexer, and scans some (see
// workerEntryReader.ts). One serves every reader of the process (readerThread.ts), each with its
// own setup.
import { parentPort } from 'node:worker_threads';
import { readEntryChunk, scanEntryChunk, transferablesOf } from './entryChunk';
import type { ReaderSetup, ThreadMessage } from './readerThread';

const readers = new Map<number, ReaderSetup>();

/**
 * Scanning a chunk's bodies here saves the indexer most of their parse, but delays this thread's
 * next reads. So a chunk is scanned only while the indexer still has at least `scanWhileAhead`
 * chunks before it to work on (then the delay costs it nothing), and otherwise goes out at once.
 * Where the indexer's progress cannot be shared, two chunks in three are scanned.
 */
function worthScanning(reader: ReaderSetup, chunk: number | undefined): boolean {
  if (chunk === undefined) return false;
  if (!reader.progress) return chunk % 3 !== 0;
  return chunk - Atomics.load(reader.progress, 0) >= (reader.scanWhileAhead ?? 2);
}

parentPort?.on('message', (message: ThreadMessage) => {
  if (message.kind === 'open') {
    readers.set(message.reader, message);
    return;
  }
  if (message.kind === 'close') {
    readers.delete(message.reader);
    return;
  }
  const { request } = message;
  const result = readEntryChunk(request, message.spare);
  const reader = readers.get(message.reader);
  const { entryPaths } = request;
  if (reader?.fieldKeys && entryPaths && worthScanning(reader, request.chunk)) scanEntryChunk(result, entryPaths, reader.fieldKeys);
  parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
});
