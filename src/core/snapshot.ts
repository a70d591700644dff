// Snapshots of the entry index for warm starts. A snapshot is only used when it was written by the
// same snapshot format for the same root and the same commons.yml; each entry in it is then reused
// only if its file's size and modification time are unchanged (the knowledge base re-reads others).
//
// The file is JSON lines: a header, then one line per entry, so it is written and read a piece at
// a time and never needs the whole text in memory. Headings and links, most of a snapshot, are
// arrays rather than objects: the file is about half the size and parses faster. Restored entries
// share repeated values (tags, people, dates) through the knowledge base's string pool, as freshly
// parsed ones do.
import type { CommonsConfig } from './config';
import { sameList, shareRepeatedValues, type StringPool } from './entryMemory';
import type { Entry, Heading, Link } from './model';

const FORMAT_VERSION = 5;
/** Entries restored between two yields to the event loop. */
const YIELD_EVERY = 2000;
/** Entries per piece of text handed to the writer: small enough that a piece (about 75 KB) is an ordinary heap object, not a large one that only a full garbage collection returns. */
const ENTRIES_PER_CHUNK = 50;

/** [level, text, line, empty (1) or not (0)] */
type PackedHeading = [number, string, number, number];
/** [kind (0 markdown, 1 wiki), target, line, column, key (0 when it equals the target), heading, alias, altKey] */
type PackedLink = [number, string, number, number, string | 0, (string | null)?, (string | null)?, (string | null)?];

type PackedEntry = Omit<Entry, 'headings' | 'links' | 'writtenTags'> & {
  headings: PackedHeading[];
  links: PackedLink[];
  /** Absent when the tags were written exactly as indexed. */
  writtenTags?: string[];
};

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
  for (const entry of entries) {
    lines.push(JSON.stringify(pack(entry)));
    if (lines.length >= ENTRIES_PER_CHUNK) {
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
    let header: SnapshotHeader | undefined;
    for await (const line of lines) {
      if (!line) continue;
      if (!header) {
        header = JSON.parse(line) as SnapshotHeader;
        if (header.version !== FORMAT_VERSION || header.root !== root || header.configKey !== configKey(config)) return undefined;
        continue;
      }
      const entry = unpack(JSON.parse(line) as PackedEntry, pool);
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

function pack(entry: Entry): PackedEntry {
  // Field by field rather than with object rest and spread: V8 allocated those copies straight
  // into the old generation, where writing a 100k-entry snapshot left over 100 MB of garbage.
  const packed: PackedEntry = {
    path: entry.path,
    title: entry.title,
    titleSource: entry.titleSource,
    type: entry.type,
    tags: entry.tags,
    authors: entry.authors,
    owner: entry.owner,
    created: entry.created,
    reviewed: entry.reviewed,
    status: entry.status,
    summary: entry.summary,
    answers: entry.answers,
    frontMatter: entry.frontMatter,
    findings: entry.findings,
    size: entry.size,
    mtimeMs: entry.mtimeMs,
    skipped: entry.skipped,
    headings: entry.headings.map((h) => [h.level, h.text, h.line, h.empty ? 1 : 0]),
    links: entry.links.map(packLink),
  };
  if (!sameList(entry.writtenTags, entry.tags)) packed.writtenTags = entry.writtenTags;
  return packed;
}

function packLink(link: Link): PackedLink {
  const packed: PackedLink = [link.kind === 'wiki' ? 1 : 0, link.target, link.line, link.column, link.key === link.target ? 0 : link.key];
  if (link.heading !== undefined || link.alias !== undefined || link.altKey !== undefined) {
    packed.push(link.heading ?? null, link.alias ?? null, link.altKey ?? null);
  }
  return packed;
}

function unpack(packed: PackedEntry, pool: StringPool | undefined): Entry {
  if (typeof packed.path !== 'string' || !Array.isArray(packed.headings) || !Array.isArray(packed.links) || !Array.isArray(packed.tags)) {
    throw new Error('not a snapshot entry');
  }
  // The same fields in the same order as the parser builds them, so both share one object layout.
  const entry: Entry = {
    path: packed.path,
    title: packed.title,
    titleSource: packed.titleSource,
    type: packed.type,
    tags: packed.tags,
    writtenTags: packed.writtenTags ?? packed.tags,
    authors: packed.authors,
    owner: packed.owner,
    created: packed.created,
    reviewed: packed.reviewed,
    status: packed.status,
    summary: packed.summary,
    answers: packed.answers,
    headings: packed.headings.map(([level, text, line, empty]): Heading => ({ level, text, line, empty: empty === 1 })),
    links: packed.links.map(unpackLink),
    frontMatter: packed.frontMatter,
    findings: packed.findings,
    size: packed.size,
    mtimeMs: packed.mtimeMs,
    skipped: packed.skipped,
  };
  if (pool) shareRepeatedValues(entry, pool);
  return entry;
}

function unpackLink([kind, target, line, column, key, heading, alias, altKey]: PackedLink): Link {
  const link: Link = { kind: kind === 1 ? 'wiki' : 'markdown', target, line, column, key: key === 0 ? target : key };
  if (heading != null) link.heading = heading;
  if (alias != null) link.alias = alias;
  if (altKey != null) link.altKey = altKey;
  return link;
}
