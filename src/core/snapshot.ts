// Snapshots of the entry index for warm starts. A snapshot is only used when it was written by the
// same snapshot format for the same root and the same commons.yml; each entry in it is then reused
// only if its file's size and modification time are unchanged (the knowledge base re-reads others).
//
// The file is JSON lines: a header, then the entries in packed form (entryPacking.ts), one value
// per line, so it is written and read a piece at a time and never needs the whole text in memory.
// Values many entries share (tags, people, dates, front-matter layouts) are lines of their own,
// written once; entries' headings and links stay packed after the restore until first read
// (restoredEntry.ts). Restored entries share repeated values through the knowledge base's string
// pool, as freshly parsed ones do.
import type { CommonsConfig } from './config';
import type { StringPool } from './entryMemory';
import { EntryPacker, EntryUnpacker } from './entryPacking';
import type { Entry } from './model';

const FORMAT_VERSION = 8;
/** Entries restored between two yields to the event loop. */
const YIELD_EVERY = 2000;
/** Entries per piece of text handed to the writer: small enough that a piece (about 75 KB) is an ordinary heap object, not a large one that only a full garbage collection returns. */
const ENTRIES_PER_CHUNK = 50;

interface SnapshotHeader {
  version: number;
  root: string;
  configKey: string;
}

export function configKey(config: CommonsConfig): string {
  return JSON.stringify(config);
}

/** The snapshot as pieces of text (whole lines) to write one after another. */
export function* serializeSnapshot(root: string, config: CommonsConfig, entries: Iterable<Entry>): Generator<string> {
  const header: SnapshotHeader = { version: FORMAT_VERSION, root, configKey: configKey(config) };
  let lines = [JSON.stringify(header)];
  const packer = new EntryPacker((text) => lines.push(text));
  let count = 0;
  for (const entry of entries) {
    lines.push(packer.pack(entry));
    if (++count % ENTRIES_PER_CHUNK === 0) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length) yield lines.join('\n') + '\n';
}

/** Lines of a whole snapshot text, for callers that hold it in one string. */
export function* linesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end);
    start = end + 1;
  }
}

/**
 * Returns the entries to offer for reuse, or undefined when the snapshot does not fit this
 * knowledge base or cannot be read. `pool` shares repeated values (see ParseContext.pool).
 */
export async function restoreSnapshot(
  lines: Iterable<string> | AsyncIterable<string>,
  root: string,
  config: CommonsConfig,
  pool?: StringPool,
): Promise<Map<string, Entry> | undefined> {
  try {
    const entries = new Map<string, Entry>();
    const unpacker = new EntryUnpacker(pool);
    let header: SnapshotHeader | undefined;
    for await (const line of lines) {
      if (!line) continue;
      if (!header) {
        header = JSON.parse(line) as SnapshotHeader;
        if (header.version !== FORMAT_VERSION || header.root !== root || header.configKey !== configKey(config)) return undefined;
        continue;
      }
      const entry = unpacker.unpack(JSON.parse(line));
      if (!entry) continue;
      entries.set(entry.path, entry);
      // Let the editor breathe while a large snapshot is read.
      if (entries.size % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return header ? entries : undefined;
  } catch {
    // A damaged snapshot only costs a full read.
    return undefined;
  }
}
