// The reader thread: reads entry files ahead of the indexer, and scans some (see
// workerEntryReader.ts). One serves every reader of the process (readerThread.ts), each with its
// own setup.
import { parentPort } from 'node:worker_threads';
import { readEntryChunk, scanEntryChunk, transferablesOf } from './entryChunk';
import type { ReaderSetup, ThreadMessage } from './readerThread';

const readers = new Map<number, ReaderSetup>();

/**
 * Scanning a chunk's bodies here saves the indexer most of their parse, but delays the chunk. So
 * the thread scans a chunk's files one after another only while the indexer still has an earlier
 * chunk to work on (at least `scanWhileAhead` chunks before this one, 1 unless a test says
 * otherwise): the moment it is done with those, the chunk goes out with the files scanned so far,
 * and the indexer scans the rest. Where the indexer's progress cannot be shared, two chunks in
 * three are scanned.
 */
function scanning(reader: ReaderSetup, chunk: number | undefined): (() => boolean) | undefined {
  if (chunk === undefined) return undefined;
  const { progress } = reader;
  if (!progress) return chunk % 3 !== 0 ? () => true : undefined;
  const ahead = reader.scanWhileAhead ?? 1;
  return () => chunk - Atomics.load(progress, 0) >= ahead;
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
  const worthScanning = reader?.fieldKeys && entryPaths && scanning(reader, request.chunk);
  if (worthScanning) scanEntryChunk(result, entryPaths, reader.fieldKeys!, worthScanning);
  parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
});
