// Parsing on the reader thread (see workerEntryReader.ts). A module of its own so that the thread
// loads the parser (js-yaml, yaml, the body scan) only once it is first asked to parse: a load that
// never asks, which is any but a large one, gets its first chunk from the thread sooner.
import type { CommonsConfig } from '../core/config';
import { parseEntryBytes, type ParseContext } from '../core/entryParser';
import { packEntryBatch } from '../core/entryPacking';
import type { Entry } from '../core/model';
import { Vocabulary } from '../core/vocabulary';
import { Status, THREAD_MAX_FILE_BYTES, type ChunkResult } from './entryChunk';

/** How the thread parses: the load's configuration, without the pool (the main thread pools the values it unpacks). */
export function threadParseContext(config: CommonsConfig): ParseContext {
  // No string pool here: the entries are copied into JSON, and the main thread pools their values.
  return { config, vocabulary: Vocabulary.fromConfig(config), detachStrings: false };
}

/**
 * Parses the files a chunk read (see ChunkRequest.entryPaths), up to THREAD_MAX_FILE_BYTES
 * each. A file left unparsed, or whose parse throws, keeps its bytes, and the indexer parses it
 * itself, with the same outcome as without this thread.
 */
export function parseEntryChunk(result: ChunkResult, entryPaths: string[], context: ParseContext): void {
  const entries: Entry[] = [];
  for (let i = 0; i < result.statuses.length; i++) {
    if (result.statuses[i] !== Status.Read || result.offsets[i + 1] - result.offsets[i] > THREAD_MAX_FILE_BYTES) continue;
    const bytes = new Uint8Array(result.bytes, result.offsets[i], result.offsets[i + 1] - result.offsets[i]);
    try {
      entries.push(parseEntryBytes(entryPaths[i], bytes, { size: result.sizes[i], mtimeMs: result.mtimes[i] }, context));
      result.statuses[i] = Status.Parsed;
    } catch {
      // Left as read.
    }
  }
  if (entries.length) result.parsed = packEntryBatch(entries);
}
