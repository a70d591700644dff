// Snapshots of the entry index for warm starts. A snapshot is only used when it was written by the
// same snapshot format for the same root and the same commons.yml; each entry in it is then reused
// only if its file's size, modification time and change time are unchanged (the knowledge base re-reads others).
//
// A snapshot has two parts, written side by side:
// - lines: JSON lines, a header, then the entries in packed form (entryPacking.ts), one value per
//   line, so they are written and read a piece at a time. Values many entries share (tags,
//   people, dates, front-matter layouts) are lines of their own, written once.
// - texts: a block of the entries' packed headings and links, a line each in entry order, after a
//   first line naming the snapshot it belongs to. The restore reads it as bytes and parses none
//   of it: entries decode theirs when first read (restoredEntry.ts). At 100k entries the texts are
//   two thirds of the snapshot, and parsing them as JSON strings was much of a warm start.
// Restored entries share repeated values through the knowledge base's string pool, as freshly
// parsed ones do.
import type { CommonsConfig } from './config';
import type { StringPool } from './entryMemory';
import { EntryPacker, EntryUnpacker } from './entryPacking';
import type { RestoredEntry } from './restoredEntry';
import type { Entry } from './model';

const FORMAT_VERSION = 13;
/** Entries restored between two yields to the event loop. */
const YIELD_EVERY = 2000;
/** Entries per piece handed to the writer: small enough that a piece's lines (about 30 KB of text) are an ordinary heap object, not a large one that only a full garbage collection returns. */
const ENTRIES_PER_CHUNK = 50;

interface SnapshotHeader {
  version: number;
  root: string;
  configKey: string;
  /** The first line of the texts that belong to these lines. */
  textsId: string;
  /**
   * Which release of Commons wrote it: another one may read files differently (a fix in how links
   * are found, say) without changing the format, and its entries would stay as that one read them.
   */
  writer?: string;
}

/** What to append to each part of a snapshot: text to the lines, bytes (UTF-8) to the texts. */
export interface SnapshotPiece {
  lines: string;
  texts: Uint8Array;
}

/** A snapshot to restore: its lines, and its texts as bytes (undefined when that part is missing), which may still be on their way. */
export interface SnapshotSource {
  lines: Iterable<string> | AsyncIterable<string>;
  texts: Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

let snapshotsWritten = 0;

export function configKey(config: CommonsConfig): string {
  return JSON.stringify(config);
}

/** The snapshot as pieces to append to its two parts, one after another; `writer` names the release writing it (see SnapshotHeader.writer). */
export function* serializeSnapshot(root: string, config: CommonsConfig, entries: Iterable<Entry>, writer = ''): Generator<SnapshotPiece> {
  // Names this pair of parts, so lines are never matched with the texts of another write.
  const textsId = `${Date.now().toString(36)}-${(++snapshotsWritten).toString(36)}-${Math.random().toString(36).slice(2)}`;
  const header: SnapshotHeader = { version: FORMAT_VERSION, root, configKey: configKey(config), textsId, writer };
  let lines = [JSON.stringify(header)];
  // Restored entries whose texts are still packed hand over their bytes as they are.
  let texts: Array<string | Uint8Array> = [`${textsId}\n`];
  const packer = new EntryPacker(
    (text) => lines.push(text),
    (text) => texts.push(text),
  );
  let count = 0;
  for (const entry of entries) {
    lines.push(packer.pack(entry));
    if (++count % ENTRIES_PER_CHUNK === 0) {
      yield { lines: lines.join('\n') + '\n', texts: joinBytes(texts) };
      lines = [];
      texts = [];
    }
  }
  if (lines.length || texts.length) yield { lines: lines.length ? lines.join('\n') + '\n' : '', texts: joinBytes(texts) };
}

/** A whole snapshot in memory: for tests, and file systems that only read and write whole files. */
export function wholeSnapshot(pieces: Iterable<SnapshotPiece>): { lines: string; texts: Uint8Array } {
  const lines: string[] = [];
  const texts: Uint8Array[] = [];
  for (const piece of pieces) {
    lines.push(piece.lines);
    texts.push(piece.texts);
  }
  return { lines: lines.join(''), texts: joinBytes(texts) };
}

/** Text (as UTF-8) and bytes, one after another, in one array. Neighbouring texts are encoded together. */
function joinBytes(parts: Array<string | Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let texts: string[] = [];
  const encodeTexts = () => {
    if (texts.length) chunks.push(encoder.encode(texts.join('')));
    texts = [];
  };
  for (const part of parts) {
    if (typeof part === 'string') texts.push(part);
    else {
      encodeTexts();
      chunks.push(part);
    }
  }
  encodeTexts();
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
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
 * The entries a snapshot holds, to offer for reuse, or undefined when it cannot be used; `refused`
 * hears why (an older format or release, another folder or commons.yml: expected; a missing part
 * or damage: worth a warning). `pool` shares repeated values (see ParseContext.pool); `writer` is
 * the release restoring it, which must be the one that wrote it.
 */
export async function restoreSnapshot(
  source: SnapshotSource,
  root: string,
  config: CommonsConfig,
  pool?: StringPool,
  refused: (reason: string, damaged: boolean) => void = () => undefined,
  writer = '',
): Promise<Map<string, Entry> | undefined> {
  // The texts are being read meanwhile; a failed read is a missing part.
  const texts = Promise.resolve(source.texts).catch(() => undefined);
  try {
    // In the order of their lines, which is the order of their texts.
    const restored: RestoredEntry[] = [];
    const unpacker = new EntryUnpacker(pool, true);
    let header: SnapshotHeader | undefined;
    for await (const line of source.lines) {
      if (!line) continue;
      if (!header) {
        header = JSON.parse(line) as SnapshotHeader;
        const stale =
          header.version !== FORMAT_VERSION
            ? 'it was written in another format'
            : (header.writer ?? '') !== writer
              ? 'it was written by another release of Commons'
              : header.root !== root
                ? 'it was written for another folder'
                : header.configKey !== configKey(config)
                  ? 'commons.yml changed since it was written'
                  : undefined;
        if (stale) {
          refused(stale, false);
          return undefined;
        }
        continue;
      }
      const entry = unpacker.unpack(JSON.parse(line));
      if (!entry) continue;
      restored.push(entry);
      // Let the editor breathe while a large snapshot is read.
      if (restored.length % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (!header) {
      refused('it is empty', true);
      return undefined;
    }
    const block = textsBlock(await texts, header.textsId);
    if (!block) {
      refused('its texts part is missing or belongs to another snapshot', true);
      return undefined;
    }
    for (const entry of restored) block.place(entry);
    if (!block.used) {
      refused('its texts part does not match its entries', true);
      return undefined;
    }
    // A path written twice (the index changed while the snapshot was written): the later one wins.
    const entries = new Map<string, Entry>();
    for (const entry of restored) entries.set(entry.path, entry);
    return entries;
  } catch (error) {
    // A damaged snapshot only costs a full read.
    refused(`it is damaged (${(error as Error).message})`, true);
    return undefined;
  }
}

/** The texts after their first line, when that line names the snapshot the lines belong to. */
function textsBlock(texts: Uint8Array | undefined, textsId: unknown): PackedTextBlock | undefined {
  if (!texts || typeof textsId !== 'string' || !textsId) return undefined;
  const firstLine = new TextEncoder().encode(`${textsId}\n`);
  if (texts.length < firstLine.length || firstLine.some((byte, i) => texts[i] !== byte)) return undefined;
  return new PackedTextBlock(texts, firstLine.length);
}

/**
 * A snapshot's texts: each entry's packed headings, then its packed links, a line each (JSON text
 * has no raw line breaks), in the order of the entries. Each entry is given its place in turn.
 */
class PackedTextBlock {
  private at: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.at = start;
  }

  /** Whether every line went to an entry: texts with lines to spare belong to other lines. */
  get used(): boolean {
    return this.at === this.bytes.length;
  }

  place(entry: RestoredEntry): void {
    const headingsEnd = this.bytes.indexOf(NEWLINE, this.at);
    const linksEnd = headingsEnd < 0 ? -1 : this.bytes.indexOf(NEWLINE, headingsEnd + 1);
    if (linksEnd < 0) throw new Error('the texts end before the entries do');
    entry.inBlock(this.bytes, this.at, headingsEnd + 1, linksEnd);
    this.at = linksEnd + 1;
  }
}

const NEWLINE = 0x0a;
