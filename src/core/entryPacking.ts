// Entries as a sequence of JSON values and back: the form snapshots are written in, one value per
// line. Three kinds of values:
//
// - a string: a value many entries repeat (a tag, a person, a date, a type, a status), written
//   once before the first entry that uses it; entries refer to it by its number among the strings;
// - an object: a front-matter layout (field lines and filled fields), which most entries share,
//   written once the same way and referred to by its number among the layouts;
// - an array: an entry, its fields by position (PackedEntry), its headings and links each one
//   JSON string (see restoredEntry.ts) or, in a snapshot, each one line of the snapshot's texts,
//   in entry order (snapshot.ts).
//
// Numbers instead of repeated strings make the text smaller and the reading cheaper: each shared
// value is read, and pooled, once rather than once per entry. Fields by position rather than by
// name make each entry a third shorter, and every entry the same shape to read: with named
// fields, entries with and without optional ones came in many shapes, each read slowly.
import { sameList, type StringPool } from './entryMemory';
import type { Entry, Finding, FrontMatterInfo } from './model';
import { packedHeadingsOf, packedLinksOf, RestoredEntry } from './restoredEntry';

/** [present (1) or not (0), language, startLine, endLine, editable (1) or not (0), layout number] */
type PackedFrontMatter = [number, string, number, number, number, number];
type Layout = { fieldLines: Record<string, number>; filledFields: string[] };

/** How an entry's title was found, by number. */
const TITLE_SOURCES: ReadonlyArray<Entry['titleSource']> = ['frontMatter', 'heading', 'fileName'];

/** Where each field of an entry is in its packed array; numbers of shared values stand for repeated strings, null for a missing value. */
const enum At {
  Path,
  Title,
  TitleSource,
  Type,
  Tags,
  /** null when the tags were written exactly as indexed. */
  WrittenTags,
  Authors,
  Owner,
  Created,
  Reviewed,
  Status,
  Summary,
  Answers,
  FrontMatter,
  /** 0 when there are none. */
  Findings,
  Size,
  MtimeMs,
  CtimeMs,
  /** 1 or 0. */
  Skipped,
  /** JSON texts of PackedHeading and PackedLink arrays; left out when they are apart (a snapshot's texts). */
  Headings,
  Links,
}

type PackedEntry = [
  path: string,
  title: string,
  titleSource: number,
  type: number | null,
  tags: number[],
  writtenTags: number[] | null,
  authors: number[],
  owner: number | null,
  created: number | null,
  reviewed: number | null,
  status: number | null,
  summary: string | null,
  answers: string | null,
  frontMatter: PackedFrontMatter,
  findings: Finding[] | 0,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  skipped: number,
  headings?: string,
  links?: string,
];

function isTextOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/** Restored entries without findings share this one list (frozen: nothing may add to it). */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

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
    private readonly writeTexts?: (lines: string | Uint8Array) => void,
  ) {}

  pack(entry: Entry): string {
    const packed: PackedEntry = [
      entry.path,
      entry.title,
      TITLE_SOURCES.indexOf(entry.titleSource),
      this.valueOf(entry.type),
      entry.tags.map(this.idOf),
      sameList(entry.writtenTags, entry.tags) ? null : entry.writtenTags.map(this.idOf),
      entry.authors.map(this.idOf),
      this.valueOf(entry.owner),
      this.valueOf(entry.created),
      this.valueOf(entry.reviewed),
      this.valueOf(entry.status),
      entry.summary ?? null,
      entry.answers ?? null,
      this.packFrontMatter(entry.frontMatter),
      entry.findings.length ? entry.findings : 0,
      entry.size,
      entry.mtimeMs,
      entry.ctimeMs,
      entry.skipped ? 1 : 0,
    ];
    if (this.writeTexts) {
      const bytes = entry instanceof RestoredEntry ? entry.packedTextBytes : undefined;
      this.writeTexts(bytes ?? `${packedHeadingsOf(entry)}\n${packedLinksOf(entry)}\n`);
    }
    else packed.push(packedHeadingsOf(entry), packedLinksOf(entry));
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

  private valueOf(value: string | undefined): number | null {
    return value === undefined ? null : this.idOf(value);
  }

  private packFrontMatter(frontMatter: FrontMatterInfo): PackedFrontMatter {
    const { present, language, startLine, endLine, editable } = frontMatter;
    return [present ? 1 : 0, language, startLine, endLine, editable ? 1 : 0, this.layoutOf(frontMatter)];
  }

  private layoutOf({ fieldLines, filledFields }: FrontMatterInfo): number {
    const seen = this.layoutsByObject.get(fieldLines);
    const same = seen?.find((layout) => layout.filledFields === filledFields);
    if (same) return same.id;
    const text = JSON.stringify({ fieldLines, filledFields } satisfies Layout);
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
  private readonly frontMatters = new Map<string, FrontMatterInfo>();

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
    if (Array.isArray(value)) return this.unpackEntry(value as PackedEntry);
    if (typeof value !== 'object' || value === null) throw new Error('not a packed entry');
    this.layouts.push(this.unpackLayout(value as Layout));
    return undefined;
  }

  private unpackEntry(packed: PackedEntry): RestoredEntry {
    const texts = this.textsApart ? packed.length === At.Headings : packed.length === At.Links + 1 && typeof packed[At.Headings] === 'string' && typeof packed[At.Links] === 'string';
    const path = packed[At.Path];
    const titleSource = TITLE_SOURCES[packed[At.TitleSource]];
    const findings = packed[At.Findings];
    // A snapshot edited by hand is refused here, rather than giving the index entries it cannot file.
    const wellTyped =
      typeof path === 'string' &&
      typeof packed[At.Title] === 'string' &&
      isTextOrNull(packed[At.Summary]) &&
      isTextOrNull(packed[At.Answers]) &&
      typeof packed[At.Size] === 'number' &&
      typeof packed[At.MtimeMs] === 'number' &&
      typeof packed[At.CtimeMs] === 'number' &&
      Array.isArray(packed[At.FrontMatter]) &&
      (findings === 0 || Array.isArray(findings));
    if (!texts || !titleSource || !wellTyped) throw new Error('not a packed entry');
    const tags = this.list(packed[At.Tags]);
    const writtenTags = packed[At.WrittenTags];
    return new RestoredEntry(
      {
        path,
        title: packed[At.Title],
        titleSource,
        type: this.optional(packed[At.Type]),
        tags,
        writtenTags: writtenTags === null ? tags : this.list(writtenTags),
        authors: this.list(packed[At.Authors]),
        owner: this.optional(packed[At.Owner]),
        created: this.optional(packed[At.Created]),
        reviewed: this.optional(packed[At.Reviewed]),
        status: this.optional(packed[At.Status]),
        summary: packed[At.Summary] ?? undefined,
        answers: packed[At.Answers] ?? undefined,
        frontMatter: this.unpackFrontMatter(packed[At.FrontMatter]),
        findings: findings === 0 ? NO_FINDINGS : findings,
        size: packed[At.Size],
        mtimeMs: packed[At.MtimeMs],
        ctimeMs: packed[At.CtimeMs],
        skipped: packed[At.Skipped] === 1,
      },
      packed[At.Headings],
      packed[At.Links],
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

  private optional(id: number | null): string | undefined {
    return id === null ? undefined : this.value(id);
  }

  private unpackLayout({ fieldLines, filledFields }: Layout): Layout {
    if (typeof fieldLines !== 'object' || fieldLines === null || Array.isArray(fieldLines) || !Array.isArray(filledFields)) {
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
    if (!this.pool) {
      const { fieldLines, filledFields } = layout;
      return { present: present === 1, language, filledFields: [...filledFields], startLine, endLine, fieldLines: { ...fieldLines }, editable: editable === 1 };
    }
    // With one, entries whose front matter has the same layout on the same lines share one
    // (frozen) description of it: most entries of a knowledge base made from a template do.
    const key = `${layoutId} ${startLine} ${endLine} ${present} ${editable} ${language}`;
    let shared = this.frontMatters.get(key);
    if (!shared) {
      shared = Object.freeze({ present: present === 1, language, filledFields: layout.filledFields, startLine, endLine, fieldLines: layout.fieldLines, editable: editable === 1 });
      this.frontMatters.set(key, shared);
    }
    return shared;
  }
}
