// Entries whose headings and links are packed (restored from a snapshot, or parsed for the index,
// see parseEntryText) keep them as JSON text (a string, or a line pair in a block of texts: a
// snapshot's, or a chunk's the reader thread scanned; see inBlock) until something reads them. Headings and
// links are most of an entry's objects: a warm start of 100k entries made about four million of
// them, and a load's indexes, the trees and the dashboard never look at them. The link sources,
// search and tag similarity read them from the packed text (forEachLinkKey, headingTexts) and
// leave it packed; checks, hovers and the Links view unpack them on first use, once per entry.
import type { Entry, FrontMatterInfo, Heading, Link } from './model';

/** [level, text, line, empty (1) or not (0)] */
export type PackedHeading = [number, string, number, number];
/** [kind (0 markdown, 1 wiki), target, line, column, key (0 when it equals the target), heading, alias, altKey] */
export type PackedLink = [number, string, number, number, string | 0, (string | null)?, (string | null)?, (string | null)?];

/** An entry's fields but its headings and links, as a snapshot line or the parser gives them. */
export type EntryFields = Omit<Entry, 'headings' | 'links'>;

export class RestoredEntry implements Entry {
  path: string;
  title: string;
  titleSource: Entry['titleSource'];
  type: string | undefined;
  tags: string[];
  writtenTags: string[];
  authors: string[];
  owner: string | undefined;
  created: string | undefined;
  reviewed: string | undefined;
  status: string | undefined;
  summary: string | undefined;
  answers: string | undefined;
  frontMatter: FrontMatterInfo;
  findings: Entry['findings'];
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  skipped: boolean;
  /** The packed headings (a JSON array of PackedHeading) until first read, then undefined. */
  private headingsText: string | undefined;
  private linksText: string | undefined;
  /**
   * A block of packed texts (a snapshot's, or a scanned chunk's), when this entry's are there
   * rather than in strings of their own (see inBlock), and where in it they are. Dropped once
   * both are unpacked.
   */
  private block: Uint8Array | undefined;
  private headingsAt: number;
  private linksAt: number;
  private linksEnd: number;
  private unpackedHeadings: Heading[] | undefined;
  private unpackedLinks: Link[] | undefined;

  constructor(fields: EntryFields, headingsText: string | undefined, linksText: string | undefined) {
    this.path = fields.path;
    this.title = fields.title;
    this.titleSource = fields.titleSource;
    this.type = fields.type;
    this.tags = fields.tags;
    this.writtenTags = fields.writtenTags;
    this.authors = fields.authors;
    this.owner = fields.owner;
    this.created = fields.created;
    this.reviewed = fields.reviewed;
    this.status = fields.status;
    this.summary = fields.summary;
    this.answers = fields.answers;
    this.frontMatter = fields.frontMatter;
    this.findings = fields.findings;
    this.size = fields.size;
    this.mtimeMs = fields.mtimeMs;
    this.ctimeMs = fields.ctimeMs;
    this.skipped = fields.skipped;
    this.headingsText = headingsText;
    this.linksText = linksText;
    this.block = undefined;
    this.headingsAt = 0;
    this.linksAt = 0;
    this.linksEnd = 0;
    this.unpackedHeadings = undefined;
    this.unpackedLinks = undefined;
  }

  /**
   * Keeps the packed texts in a block of UTF-8 lines (a snapshot's texts, or a chunk's the reader
   * thread scanned, see packedTextBlock.ts), decoded only when read. A warm start then neither
   * parses nor copies them: at 100k entries they are two thirds of the snapshot, and as strings
   * they were much of the restore's time and garbage collection.
   */
  inBlock(block: Uint8Array, headingsAt: number, linksAt: number, linksEnd: number): void {
    this.block = block;
    this.headingsAt = headingsAt;
    this.linksAt = linksAt;
    this.linksEnd = linksEnd;
  }

  get headings(): Heading[] {
    if (this.unpackedHeadings === undefined) {
      this.unpackedHeadings = unpackList(this.packedHeadings, unpackHeading);
      this.headingsText = undefined;
      this.dropBlockOnceUnpacked();
    }
    return this.unpackedHeadings;
  }

  set headings(headings: Heading[]) {
    this.unpackedHeadings = headings;
    this.headingsText = undefined;
    this.dropBlockOnceUnpacked();
  }

  get links(): Link[] {
    if (this.unpackedLinks === undefined) {
      this.unpackedLinks = unpackList(this.packedLinks, unpackLink);
      this.linksText = undefined;
      this.dropBlockOnceUnpacked();
    }
    return this.unpackedLinks;
  }

  set links(links: Link[]) {
    this.unpackedLinks = links;
    this.linksText = undefined;
    this.dropBlockOnceUnpacked();
  }

  /** The packed headings text while they are still packed (decoded anew from its block of texts). */
  get packedHeadings(): string | undefined {
    if (this.unpackedHeadings !== undefined) return undefined;
    return this.headingsText ?? (this.block && decodeText(this.block, this.headingsAt, this.linksAt - 1));
  }

  get packedLinks(): string | undefined {
    if (this.unpackedLinks !== undefined) return undefined;
    return this.linksText ?? (this.block && decodeText(this.block, this.linksAt, this.linksEnd));
  }

  /**
   * This entry's line pair in its block of texts (headings, links, each ending in a line break)
   * while both are still there: a new snapshot copies the bytes rather than decoding them.
   */
  get packedTextBytes(): Uint8Array | undefined {
    if (!this.block || this.unpackedHeadings !== undefined || this.unpackedLinks !== undefined) return undefined;
    return this.block.subarray(this.headingsAt, this.linksEnd + 1);
  }

  private dropBlockOnceUnpacked(): void {
    if (this.unpackedHeadings !== undefined && this.unpackedLinks !== undefined) this.block = undefined;
  }
}

const utf8 = new TextDecoder();

function decodeText(block: Uint8Array, start: number, end: number): string {
  return utf8.decode(block.subarray(start, end));
}

/**
 * Calls `visit` with each link's kind, key and second candidate key: what the link sources file an
 * entry under. A packed entry's links are read from its text and left packed, so building the
 * link sources after a warm start keeps no Link objects (and makes no garbage that outlives a
 * slice); the few entries a backlinks query looks into are unpacked then.
 */
export function forEachLinkKey(entry: Entry, visit: (wiki: boolean, key: string, altKey: string | undefined) => void): void {
  const text = entry instanceof RestoredEntry ? entry.packedLinks : undefined;
  if (text === undefined) {
    for (const link of entry.links) visit(link.kind === 'wiki', link.key, link.altKey);
    return;
  }
  for (const packed of packedList(text)) {
    if (!isPackedLink(packed)) continue;
    const [kind, target, , , key, , , altKey] = packed;
    visit(kind === 1, key === 0 ? target : key, altKey ?? undefined);
  }
}

/**
 * The texts of an entry's headings, read from its packed text when it has one and left packed:
 * search and similarity read only the texts, for every entry, once the editor is idle.
 */
export function headingTexts(entry: Entry): string[] {
  const text = entry instanceof RestoredEntry ? entry.packedHeadings : undefined;
  if (text === undefined) return entry.headings.map((heading) => heading.text);
  const texts: string[] = [];
  for (const packed of packedList(text)) {
    const heading = unpackHeading(packed);
    if (heading) texts.push(heading.text);
  }
  return texts;
}

/** An entry's headings as packed text: the text it came with when it is still packed. */
export function packedHeadingsOf(entry: Entry): string {
  return (entry instanceof RestoredEntry && entry.packedHeadings) || packHeadings(entry.headings);
}

export function packedLinksOf(entry: Entry): string {
  return (entry instanceof RestoredEntry && entry.packedLinks) || packLinks(entry.links);
}

export function packHeadings(headings: Heading[]): string {
  return JSON.stringify(headings.map(packHeading));
}

export function packLinks(links: Link[]): string {
  return JSON.stringify(links.map(packLink));
}

/**
 * The entry as a plain object with every field in the parser's order, headings and links
 * unpacked: for comparing entries however they were made, and for copies with a field changed.
 */
export function plainEntry(entry: Entry): Entry {
  return {
    path: entry.path,
    title: entry.title,
    titleSource: entry.titleSource,
    type: entry.type,
    tags: entry.tags,
    writtenTags: entry.writtenTags,
    authors: entry.authors,
    owner: entry.owner,
    created: entry.created,
    reviewed: entry.reviewed,
    status: entry.status,
    summary: entry.summary,
    answers: entry.answers,
    headings: entry.headings,
    links: entry.links,
    frontMatter: entry.frontMatter,
    findings: entry.findings,
    size: entry.size,
    mtimeMs: entry.mtimeMs,
    ctimeMs: entry.ctimeMs,
    skipped: entry.skipped,
  };
}

function packHeading(heading: Heading): PackedHeading {
  return [heading.level, heading.text, heading.line, heading.empty ? 1 : 0];
}

function packLink(link: Link): PackedLink {
  const packed: PackedLink = [link.kind === 'wiki' ? 1 : 0, link.target, link.line, link.column, link.key === link.target ? 0 : link.key];
  if (link.heading !== undefined || link.alias !== undefined || link.altKey !== undefined) {
    packed.push(link.heading ?? null, link.alias ?? null, link.altKey ?? null);
  }
  return packed;
}

/**
 * The items of a packed list. The text was checked to be a string when the entry was restored and
 * was written by packedHeadingsOf/packedLinksOf; should it still not read (a snapshot edited by
 * hand), the entry shows no headings or links rather than failing whoever asked, until its file
 * changes and it is parsed again. Items that are not arrays of the right kinds are left out.
 */
function packedList(text: string | undefined): unknown[] {
  if (!text) return [];
  try {
    const packed: unknown = JSON.parse(text);
    return Array.isArray(packed) ? packed : [];
  } catch {
    return [];
  }
}

function unpackList<T>(text: string | undefined, unpackOne: (packed: unknown) => T | undefined): T[] {
  const list: T[] = [];
  for (const one of packedList(text)) {
    const value = unpackOne(one);
    if (value !== undefined) list.push(value);
  }
  return list;
}

function unpackHeading(packed: unknown): Heading | undefined {
  if (!Array.isArray(packed)) return undefined;
  const [level, text, line, empty] = packed as PackedHeading;
  if (typeof text !== 'string' || typeof level !== 'number' || typeof line !== 'number') return undefined;
  return { level, text, line, empty: empty === 1 };
}

function isPackedLink(packed: unknown): packed is PackedLink {
  if (!Array.isArray(packed)) return false;
  const [, target, line, column, key, ...optional] = packed as PackedLink;
  return (
    typeof target === 'string' && typeof line === 'number' && typeof column === 'number' && (key === 0 || typeof key === 'string') && optional.every((one) => one == null || typeof one === 'string')
  );
}

function unpackLink(packed: unknown): Link | undefined {
  if (!isPackedLink(packed)) return undefined;
  const [kind, target, line, column, key, heading, alias, altKey] = packed;
  const link: Link = { kind: kind === 1 ? 'wiki' : 'markdown', target, line, column, key: key === 0 ? target : key };
  if (heading != null) link.heading = heading;
  if (alias != null) link.alias = alias;
  if (altKey != null) link.altKey = altKey;
  return link;
}
