// Snapshots of the entry index for warm starts. A snapshot is only used when it was written by the
// same snapshot format for the same root and the same commons.yml; each entry in it is then reused
// only if its file's size and modification time are unchanged (the knowledge base re-reads others).
//
// The file is JSON lines: a header, then one line per entry, so it is written and read a piece at
// a time and never needs the whole text in memory. Headings and links, most of a snapshot, are
// arrays rather than objects (the file is about half the size), and each entry's are one string
// in its line: restored entries keep them packed until first read (see restoredEntry.ts). Front-matter
// layouts (field lines, filled fields), which most entries share, are written once each as lines
// of their own. Restored entries share repeated values (tags, people, dates, layouts) through the
// knowledge base's string pool, as freshly parsed ones do.
import type { CommonsConfig } from './config';
import { sameList, shareRepeatedStrings, type StringPool } from './entryMemory';
import type { Entry, FrontMatterInfo } from './model';
import { packedHeadingsOf, packedLinksOf, RestoredEntry } from './restoredEntry';

const FORMAT_VERSION = 7;
/** Entries restored between two yields to the event loop. */
const YIELD_EVERY = 2000;
/** Entries per piece of text handed to the writer: small enough that a piece (about 75 KB) is an ordinary heap object, not a large one that only a full garbage collection returns. */
const ENTRIES_PER_CHUNK = 50;

/** [present (1) or not (0), language, startLine, endLine, editable (1) or not (0), layout: its line among the layout lines] */
type PackedFrontMatter = [number, string, number, number, number, number];
/**
 * A layout line: a front-matter shape (field lines and filled fields) that many entries share,
 * written once before the first entry that uses it. Entry lines are objects, layout lines arrays.
 */
type PackedLayout = [Record<string, number>, string[]];
type Layout = { fieldLines: Record<string, number>; filledFields: string[] };

type PackedEntry = Omit<Entry, 'headings' | 'links' | 'writtenTags' | 'frontMatter'> & {
  /** JSON texts of PackedHeading and PackedLink arrays (see restoredEntry.ts). */
  headings: string;
  links: string;
  frontMatter: PackedFrontMatter;
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
  const layouts = new LayoutTable((text) => lines.push(text));
  for (const entry of entries) {
    const layout = layouts.idOf(entry.frontMatter);
    lines.push(JSON.stringify(pack(entry, layout)));
    if (lines.length >= ENTRIES_PER_CHUNK) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length) yield lines.join('\n') + '\n';
}

/**
 * Numbers the front-matter layouts of the entries written: each is written once (through `write`,
 * as JSON), and entries refer to it by number. The pool makes a layout one object, so most
 * entries are found by identity; the text of a layout is only made for objects not seen before.
 */
class LayoutTable {
  private readonly byObject = new Map<Record<string, number>, Array<{ filledFields: string[]; id: number }>>();
  private readonly byText = new Map<string, number>();

  constructor(private readonly write: (text: string) => void) {}

  idOf({ fieldLines, filledFields }: FrontMatterInfo): number {
    const seen = this.byObject.get(fieldLines);
    const same = seen?.find((layout) => layout.filledFields === filledFields);
    if (same) return same.id;
    const packed: PackedLayout = [fieldLines, filledFields];
    const text = JSON.stringify(packed);
    let id = this.byText.get(text);
    if (id === undefined) {
      id = this.byText.size;
      this.byText.set(text, id);
      this.write(text);
    }
    this.byObject.set(fieldLines, [...(seen ?? []), { filledFields, id }]);
    return id;
  }
}

/**
 * Entries as one JSON text and back, in the snapshot's packed form: how entries parsed on another
 * thread travel to the index. The text is `[layouts, entries]`.
 */
export function packEntryBatch(entries: Entry[]): string {
  const layoutTexts: string[] = [];
  const layouts = new LayoutTable((text) => layoutTexts.push(text));
  const packed = entries.map((entry) => JSON.stringify(pack(entry, layouts.idOf(entry.frontMatter))));
  return `[[${layoutTexts.join(',')}],[${packed.join(',')}]]`;
}

/** The entries of a packEntryBatch text; `pool` shares repeated values as the parser does. Throws on a malformed text. */
export function unpackEntryBatch(text: string, pool?: StringPool): Entry[] {
  const [packedLayouts, packedEntries] = JSON.parse(text) as [PackedLayout[], PackedEntry[]];
  const layouts = packedLayouts.map((layout) => unpackLayout(layout, pool));
  return packedEntries.map((packed) => unpack(packed, layouts, pool));
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
    const layouts: Layout[] = [];
    let header: SnapshotHeader | undefined;
    for await (const line of lines) {
      if (!line) continue;
      if (!header) {
        header = JSON.parse(line) as SnapshotHeader;
        if (header.version !== FORMAT_VERSION || header.root !== root || header.configKey !== configKey(config)) return undefined;
        continue;
      }
      const value = JSON.parse(line) as PackedEntry | PackedLayout;
      if (Array.isArray(value)) {
        layouts.push(unpackLayout(value, pool));
        continue;
      }
      const entry = unpack(value, layouts, pool);
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

function pack(entry: Entry, layout: number): PackedEntry {
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
    frontMatter: packFrontMatter(entry.frontMatter, layout),
    findings: entry.findings,
    size: entry.size,
    mtimeMs: entry.mtimeMs,
    skipped: entry.skipped,
    headings: packedHeadingsOf(entry),
    links: packedLinksOf(entry),
  };
  if (!sameList(entry.writtenTags, entry.tags)) packed.writtenTags = entry.writtenTags;
  return packed;
}

function packFrontMatter(frontMatter: FrontMatterInfo, layout: number): PackedFrontMatter {
  const { present, language, startLine, endLine, editable } = frontMatter;
  return [present ? 1 : 0, language, startLine, endLine, editable ? 1 : 0, layout];
}

function unpackLayout(packed: PackedLayout, pool: StringPool | undefined): Layout {
  const [fieldLines, filledFields] = packed;
  if (packed.length !== 2 || typeof fieldLines !== 'object' || fieldLines === null || Array.isArray(fieldLines) || !Array.isArray(filledFields)) {
    throw new Error('not a snapshot layout');
  }
  // With a pool, entries share its frozen copy, as parsed entries do.
  return pool ? pool.frontMatterLayout(fieldLines, filledFields) : { fieldLines, filledFields };
}

function unpackFrontMatter(packed: PackedFrontMatter, layouts: Layout[], pooled: boolean): FrontMatterInfo {
  const [present, language, startLine, endLine, editable, layoutId] = packed;
  const layout = Number.isInteger(layoutId) ? layouts[layoutId] : undefined;
  if (!layout) throw new Error('a snapshot entry refers to a layout it does not have');
  // Without a pool each entry gets copies of its own, as the parser gives it.
  return {
    present: present === 1,
    language,
    filledFields: pooled ? layout.filledFields : [...layout.filledFields],
    startLine,
    endLine,
    fieldLines: pooled ? layout.fieldLines : { ...layout.fieldLines },
    editable: editable === 1,
  };
}

function unpack(packed: PackedEntry, layouts: Layout[], pool: StringPool | undefined): Entry {
  if (typeof packed.path !== 'string' || typeof packed.headings !== 'string' || typeof packed.links !== 'string' || !Array.isArray(packed.tags) || !Array.isArray(packed.frontMatter)) {
    throw new Error('not a snapshot entry');
  }
  const entry = new RestoredEntry(
    {
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
      frontMatter: unpackFrontMatter(packed.frontMatter, layouts, !!pool),
      findings: packed.findings,
      size: packed.size,
      mtimeMs: packed.mtimeMs,
      skipped: packed.skipped,
    },
    packed.headings,
    packed.links,
  );
  if (pool) shareRepeatedStrings(entry, pool);
  return entry;
}
