// Entries as a sequence of JSON values and back: the form snapshots are written in (one value per
// line) and entries parsed on the reader thread travel in (one array). Three kinds of values:
//
// - a string: a value many entries repeat (a tag, a person, a date, a type, a status), written
//   once before the first entry that uses it; entries refer to it by its number among the strings;
// - an array: a front-matter layout (field lines and filled fields), which most entries share,
//   written once the same way and referred to by its number among the layouts;
// - an object: an entry, its headings and links each one JSON string (see restoredEntry.ts), or,
//   in a snapshot, each one line of the snapshot's texts, in entry order (snapshot.ts).
//
// Numbers instead of repeated strings make the text smaller and the reading cheaper: each shared
// value is read, and pooled, once rather than once per entry.
import { sameList, type StringPool } from './entryMemory';
import type { Entry, FrontMatterInfo } from './model';
import { packedHeadingsOf, packedLinksOf, RestoredEntry } from './restoredEntry';

/** [present (1) or not (0), language, startLine, endLine, editable (1) or not (0), layout number] */
type PackedFrontMatter = [number, string, number, number, number, number];
type PackedLayout = [Record<string, number>, string[]];
type Layout = { fieldLines: Record<string, number>; filledFields: string[] };

/** Numbers of shared values (see the top of this file) stand for the repeated strings. */
type PackedEntry = Omit<Entry, 'headings' | 'links' | 'tags' | 'writtenTags' | 'authors' | 'type' | 'owner' | 'created' | 'reviewed' | 'status' | 'frontMatter'> & {
  type?: number;
  tags: number[];
  /** Absent when the tags were written exactly as indexed. */
  writtenTags?: number[];
  authors: number[];
  owner?: number;
  created?: number;
  reviewed?: number;
  status?: number;
  frontMatter: PackedFrontMatter;
  /** JSON texts of PackedHeading and PackedLink arrays (see restoredEntry.ts); absent when they are apart (a snapshot's texts). */
  headings?: string;
  links?: string;
};

/** Writes entries as JSON texts; the shared values and layouts an entry needs first go to `write` before its own text. */
export class EntryPacker {
  private readonly values = new Map<string, number>();
  /** Layouts by their field-lines object (the pool makes most of them one object), then by text. */
  private readonly layoutsByObject = new Map<Record<string, number>, Array<{ filledFields: string[]; id: number }>>();
  private readonly layoutsByText = new Map<string, number>();

  /**
   * `write` takes the shared values and layouts. With `writeTexts`, each entry's packed headings
   * and links go there, a line each, rather than into the entry's own text (a snapshot's texts).
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly writeTexts?: (lines: string) => void,
  ) {}

  pack(entry: Entry): string {
    // Field by field rather than with object rest and spread: V8 allocated those copies straight
    // into the old generation, where writing a 100k-entry snapshot left over 100 MB of garbage.
    const packed: PackedEntry = {
      path: entry.path,
      title: entry.title,
      titleSource: entry.titleSource,
      type: this.valueOf(entry.type),
      tags: entry.tags.map(this.idOf),
      authors: entry.authors.map(this.idOf),
      owner: this.valueOf(entry.owner),
      created: this.valueOf(entry.created),
      reviewed: this.valueOf(entry.reviewed),
      status: this.valueOf(entry.status),
      summary: entry.summary,
      answers: entry.answers,
      frontMatter: this.packFrontMatter(entry.frontMatter),
      findings: entry.findings,
      size: entry.size,
      mtimeMs: entry.mtimeMs,
      skipped: entry.skipped,
    };
    if (this.writeTexts) this.writeTexts(`${packedHeadingsOf(entry)}\n${packedLinksOf(entry)}\n`);
    else {
      packed.headings = packedHeadingsOf(entry);
      packed.links = packedLinksOf(entry);
    }
    if (!sameList(entry.writtenTags, entry.tags)) packed.writtenTags = entry.writtenTags.map(this.idOf);
    return JSON.stringify(packed);
  }

  private readonly idOf = (value: string): number => {
    let id = this.values.get(value);
    if (id === undefined) {
      id = this.values.size;
      this.values.set(value, id);
      this.write(JSON.stringify(value));
    }
    return id;
  };

  private valueOf(value: string | undefined): number | undefined {
    return value === undefined ? undefined : this.idOf(value);
  }

  private packFrontMatter(frontMatter: FrontMatterInfo): PackedFrontMatter {
    const { present, language, startLine, endLine, editable } = frontMatter;
    return [present ? 1 : 0, language, startLine, endLine, editable ? 1 : 0, this.layoutOf(frontMatter)];
  }

  private layoutOf({ fieldLines, filledFields }: FrontMatterInfo): number {
    const seen = this.layoutsByObject.get(fieldLines);
    const same = seen?.find((layout) => layout.filledFields === filledFields);
    if (same) return same.id;
    const text = JSON.stringify([fieldLines, filledFields] satisfies PackedLayout);
    let id = this.layoutsByText.get(text);
    if (id === undefined) {
      id = this.layoutsByText.size;
      this.layoutsByText.set(text, id);
      this.write(text);
    }
    this.layoutsByObject.set(fieldLines, [...(seen ?? []), { filledFields, id }]);
    return id;
  }
}

/**
 * Reads what an EntryPacker wrote, value by value (each already through JSON.parse). With a pool,
 * shared values and layouts are the pool's, as the parser makes them. Throws on anything that is
 * not a packed value, or an entry that refers to values it was not given.
 */
export class EntryUnpacker {
  private readonly values: string[] = [];
  private readonly layouts: Layout[] = [];

  /**
   * With `textsApart` (a snapshot), entries come without their packed headings and links, which
   * the caller then places (RestoredEntry.inBlock); otherwise each entry carries them.
   */
  constructor(
    private readonly pool?: StringPool,
    private readonly textsApart = false,
  ) {}

  /** The entry a value holds, or undefined for a shared value or layout (kept for the entries after it). */
  unpack(value: unknown): RestoredEntry | undefined {
    if (typeof value === 'string') {
      this.values.push(this.pool ? this.pool.intern(value) : value);
      return undefined;
    }
    if (Array.isArray(value)) {
      this.layouts.push(this.unpackLayout(value));
      return undefined;
    }
    if (typeof value !== 'object' || value === null) throw new Error('not a packed entry');
    return this.unpackEntry(value as PackedEntry);
  }

  private unpackEntry(packed: PackedEntry): RestoredEntry {
    const textsFit = this.textsApart ? packed.headings === undefined && packed.links === undefined : typeof packed.headings === 'string' && typeof packed.links === 'string';
    if (typeof packed.path !== 'string' || !textsFit || !Array.isArray(packed.frontMatter)) throw new Error('not a packed entry');
    const tags = this.list(packed.tags);
    return new RestoredEntry(
      {
        path: packed.path,
        title: packed.title,
        titleSource: packed.titleSource,
        type: this.optional(packed.type),
        tags,
        writtenTags: packed.writtenTags === undefined ? tags : this.list(packed.writtenTags),
        authors: this.list(packed.authors),
        owner: this.optional(packed.owner),
        created: this.optional(packed.created),
        reviewed: this.optional(packed.reviewed),
        status: this.optional(packed.status),
        summary: packed.summary,
        answers: packed.answers,
        frontMatter: this.unpackFrontMatter(packed.frontMatter),
        findings: packed.findings,
        size: packed.size,
        mtimeMs: packed.mtimeMs,
        skipped: packed.skipped,
      },
      packed.headings,
      packed.links,
    );
  }

  private value(id: number): string {
    const value = this.values[id];
    if (value === undefined) throw new Error('a packed entry refers to a value it was not given');
    return value;
  }

  private list(ids: number[]): string[] {
    if (!Array.isArray(ids)) throw new Error('not a packed entry');
    return ids.map((id) => this.value(id));
  }

  private optional(id: number | undefined): string | undefined {
    return id === undefined ? undefined : this.value(id);
  }

  private unpackLayout(packed: unknown[]): Layout {
    const [fieldLines, filledFields] = packed as PackedLayout;
    if (packed.length !== 2 || typeof fieldLines !== 'object' || fieldLines === null || Array.isArray(fieldLines) || !Array.isArray(filledFields)) {
      throw new Error('not a packed layout');
    }
    // With a pool, entries share its frozen copy, as parsed entries do.
    return this.pool ? this.pool.frontMatterLayout(fieldLines, filledFields) : { fieldLines, filledFields };
  }

  private unpackFrontMatter(packed: PackedFrontMatter): FrontMatterInfo {
    const [present, language, startLine, endLine, editable, layoutId] = packed;
    const layout = Number.isInteger(layoutId) ? this.layouts[layoutId] : undefined;
    if (!layout) throw new Error('a packed entry refers to a layout it was not given');
    // Without a pool each entry gets copies of its own, as the parser gives it.
    const pooled = !!this.pool;
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
}

/** Entries as one JSON text (an array of packed values): how entries parsed on another thread travel to the index. */
export function packEntryBatch(entries: Entry[]): string {
  const texts: string[] = [];
  const packer = new EntryPacker((text) => texts.push(text));
  for (const entry of entries) texts.push(packer.pack(entry));
  return `[${texts.join(',')}]`;
}

/** The entries of a packEntryBatch text; `pool` shares repeated values as the parser does. Throws on a malformed text. */
export function unpackEntryBatch(text: string, pool?: StringPool): Entry[] {
  const values: unknown = JSON.parse(text);
  if (!Array.isArray(values)) throw new Error('not a packed entry batch');
  const unpacker = new EntryUnpacker(pool);
  const entries: Entry[] = [];
  for (const value of values) {
    const entry = unpacker.unpack(value);
    if (entry) entries.push(entry);
  }
  return entries;
}
