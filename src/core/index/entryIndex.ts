// The live index of entries and the indexes derived from them. Every change goes through
// `apply()`, which updates each derived index by removing what the old entry contributed and adding
// what the new one does, then fires one event for the batch. A full rebuild is just `apply()` of
// every entry into an empty index; a test checks the two always agree.
import type { Entry, Link } from '../model';
import { entryName, posixDirname } from '../paths';
import { parsePerson } from '../people';
import { wikiKey } from '../markdownScan';
import { MultiMap } from './multiMap';

export interface IndexBatch {
  upserts?: Entry[];
  removals?: string[];
}

export interface IndexChangeEvent {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ResolvedLink {
  link: Link;
  /** Entry paths the link resolves to (several when a wikilink name is ambiguous). */
  targets: string[];
}

type Listener = (event: IndexChangeEvent) => void;

export class EntryIndex {
  private readonly entries = new Map<string, Entry>();
  /**
   * Tag (and every ancestor of a hierarchical tag) -> how many entries carry it or a descendant.
   * Only counts: the entries themselves are gathered from `byTag` when asked for, which spares a
   * large knowledge base hundreds of thousands of Set insertions.
   */
  private readonly tagCoverage = new Map<string, number>();
  /** Tag -> entries carrying exactly that tag. */
  private readonly byTag = new MultiMap<string, string>();
  private readonly byType = new MultiMap<string, string>();
  private readonly byStatus = new MultiMap<string, string>();
  private readonly byPerson = new MultiMap<string, string>();
  private readonly byFolder = new MultiMap<string, string>();
  private readonly subfolders = new MultiMap<string, string>();
  private readonly folderSizes = new Map<string, number>();
  private readonly byTitle = new MultiMap<string, string>();
  /**
   * Lower-cased path -> entries whose path has capitals, so Markdown links that differ only in
   * letter case still find them. Entries whose path is already lower case are found in `entries`.
   */
  private readonly byLowerCasePath = new MultiMap<string, string>();
  /** Wikilink name (file name and title, see wikiKey) -> entries. */
  private readonly byWikiName = new MultiMap<string, string>();
  /** Lower-cased path a Markdown link points at -> entries holding such a link. */
  private readonly markdownLinkSources = new MultiMap<string, string>();
  /** Wikilink name -> entries holding such a link. */
  private readonly wikiLinkSources = new MultiMap<string, string>();
  private readonly listeners = new Set<Listener>();

  get size(): number {
    return this.entries.size;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  apply(batch: IndexBatch): IndexChangeEvent {
    const event: IndexChangeEvent = { added: [], changed: [], removed: [] };
    for (const path of batch.removals ?? []) {
      const old = this.entries.get(path);
      if (!old) continue;
      this.unindex(old);
      this.entries.delete(path);
      event.removed.push(path);
    }
    for (const entry of batch.upserts ?? []) {
      const old = this.entries.get(entry.path);
      if (old) this.unindex(old);
      this.entries.set(entry.path, entry);
      this.index(entry);
      (old ? event.changed : event.added).push(entry.path);
    }
    if (event.added.length + event.changed.length + event.removed.length) {
      for (const listener of this.listeners) listener(event);
    }
    return event;
  }

  get(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  all(): IterableIterator<Entry> {
    return this.entries.values();
  }

  paths(): IterableIterator<string> {
    return this.entries.keys();
  }

  // Tags ------------------------------------------------------------------------------------

  /** Every tag in use (with ancestors of hierarchical tags) and how many entries it covers. */
  tagCounts(): Map<string, number> {
    return new Map(this.tagCoverage);
  }

  /** How many entries carry this tag or one below it. */
  tagCount(tag: string): number {
    return this.tagCoverage.get(tag) ?? 0;
  }

  /** Entries tagged with exactly this tag. */
  withTag(tag: string): ReadonlySet<string> {
    return this.byTag.get(tag);
  }

  withTagOrDescendant(tag: string): ReadonlySet<string> {
    const below = tag + '/';
    const paths = new Set<string>(this.byTag.values(tag));
    for (const other of this.byTag.keys()) {
      if (other.startsWith(below)) for (const path of this.byTag.values(other)) paths.add(path);
    }
    return paths;
  }

  withType(type: string): ReadonlySet<string> {
    return this.byType.get(type);
  }

  types(): Map<string, number> {
    return this.byType.sizes();
  }

  withStatus(status: string): ReadonlySet<string> {
    return this.byStatus.get(status);
  }

  byPersonId(id: string): ReadonlySet<string> {
    return this.byPerson.get(id);
  }

  personIds(): IterableIterator<string> {
    return this.byPerson.keys();
  }

  // Folders ---------------------------------------------------------------------------------

  entriesInFolder(folder: string): ReadonlySet<string> {
    return this.byFolder.get(folder);
  }

  subfoldersOf(folder: string): ReadonlySet<string> {
    return this.subfolders.get(folder);
  }

  /** Number of entries in a folder and all folders below it. */
  folderSize(folder: string): number {
    return this.folderSizes.get(folder) ?? 0;
  }

  // Links -----------------------------------------------------------------------------------

  resolve(link: Link): string[] {
    if (link.kind === 'markdown') {
      if (this.entries.has(link.key)) return [link.key];
      return this.pathsIgnoringCase(link.key.toLowerCase());
    }
    const targets = this.resolveWikiName(link.key);
    return targets.length || link.altKey === undefined ? targets : this.resolveWikiName(link.altKey);
  }

  /** A wikilink name matches an entry's file name or title, or else its path (`[[folder/note]]`, `[[note.markdown]]`). */
  private resolveWikiName(name: string): string[] {
    if (this.byWikiName.size(name)) return sortedValues(this.byWikiName.values(name));
    const byPath = this.pathsIgnoringCase(name + '.md');
    return byPath.length ? byPath : this.pathsIgnoringCase(name.endsWith('.markdown') ? name : name + '.markdown');
  }

  /** Entries whose path, lower-cased, is this. */
  private pathsIgnoringCase(lowerCasePath: string): string[] {
    const paths = [...this.byLowerCasePath.values(lowerCasePath)];
    if (this.entries.has(lowerCasePath)) paths.push(lowerCasePath);
    return sortedValues(paths);
  }

  outgoing(path: string): ResolvedLink[] {
    const entry = this.entries.get(path);
    return entry ? entry.links.map((link) => ({ link, targets: this.resolve(link) })) : [];
  }

  /** Entries with a link that resolves to this entry. */
  backlinks(path: string): string[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const candidates = new Set<string>(this.markdownLinkSources.values(path.toLowerCase()));
    for (const name of wikiNamesOf(entry)) for (const source of this.wikiLinkSources.values(name)) candidates.add(source);
    // `[[folder/note]]` and `[[folder/note.markdown]]` name the path itself.
    for (const name of new Set([wikiKey(path.replace(/\.(md|markdown)$/i, '')), wikiKey(path)])) {
      for (const source of this.wikiLinkSources.values(name)) candidates.add(source);
    }
    const sources: string[] = [];
    for (const source of candidates) {
      if (source === path) continue;
      const holder = this.entries.get(source);
      if (holder?.links.some((link) => this.resolve(link).includes(path))) sources.push(source);
    }
    return sources.sort();
  }

  brokenLinks(): Array<{ source: string; link: Link }> {
    const broken: Array<{ source: string; link: Link }> = [];
    for (const [lowerCasePath, sources] of this.markdownLinkSources.entries()) {
      if (this.byLowerCasePath.size(lowerCasePath) || this.entries.has(lowerCasePath)) continue;
      for (const source of sources) {
        for (const link of this.entries.get(source)?.links ?? []) {
          if (link.kind === 'markdown' && link.key.toLowerCase() === lowerCasePath) broken.push({ source, link });
        }
      }
    }
    for (const [name, sources] of this.wikiLinkSources.entries()) {
      if (this.byWikiName.size(name)) continue;
      for (const source of sources) {
        for (const link of this.entries.get(source)?.links ?? []) {
          // A link is listed under its first name only, so one with two candidates is counted once.
          if (link.kind === 'wiki' && link.key === name && this.resolve(link).length === 0) broken.push({ source, link });
        }
      }
    }
    return broken;
  }

  linkCount(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.links.length;
    return total;
  }

  // Titles ----------------------------------------------------------------------------------

  withTitle(title: string): ReadonlySet<string> {
    return this.byTitle.get(normalizeTitle(title));
  }

  duplicateTitles(): string[][] {
    const groups: string[][] = [];
    for (const [, paths] of this.byTitle.entries()) if (paths.size > 1) groups.push([...paths].sort());
    return groups;
  }

  /** A canonical, sorted dump of every derived index: equal dumps mean equal indexes. */
  dump(): Record<string, unknown> {
    return {
      entries: [...this.entries.keys()].sort(),
      tagCoverage: [...this.tagCoverage.entries()].sort(),
      byTag: this.byTag.dump(),
      byType: this.byType.dump(),
      byStatus: this.byStatus.dump(),
      byPerson: this.byPerson.dump(),
      byFolder: this.byFolder.dump(),
      subfolders: this.subfolders.dump(),
      folderSizes: [...this.folderSizes.entries()].sort(),
      byTitle: this.byTitle.dump(),
      byLowerCasePath: this.byLowerCasePath.dump(),
      byWikiName: this.byWikiName.dump(),
      markdownLinkSources: this.markdownLinkSources.dump(),
      wikiLinkSources: this.wikiLinkSources.dump(),
    };
  }

  // Maintenance -----------------------------------------------------------------------------

  private index(entry: Entry): void {
    this.contribute(entry, (map, key) => map.add(key, entry.path));
    this.cover(entry, 1);
    let folder = posixDirname(entry.path);
    this.byFolder.add(folder, entry.path);
    for (;;) {
      this.folderSizes.set(folder, (this.folderSizes.get(folder) ?? 0) + 1);
      if (folder === '') break;
      const parent = posixDirname(folder);
      this.subfolders.add(parent, folder);
      folder = parent;
    }
  }

  private unindex(entry: Entry): void {
    this.contribute(entry, (map, key) => map.delete(key, entry.path));
    this.cover(entry, -1);
    let folder = posixDirname(entry.path);
    this.byFolder.delete(folder, entry.path);
    for (;;) {
      const size = (this.folderSizes.get(folder) ?? 0) - 1;
      const parent = posixDirname(folder);
      if (size > 0) this.folderSizes.set(folder, size);
      else {
        this.folderSizes.delete(folder);
        if (folder !== '') this.subfolders.delete(parent, folder);
      }
      if (folder === '') break;
      folder = parent;
    }
  }

  /** Counts the entry once for each tag it carries and each ancestor of those. */
  private cover(entry: Entry, delta: 1 | -1): void {
    const covered: string[] = [];
    for (const tag of entry.tags) for (const prefix of tagAndAncestors(tag)) if (!covered.includes(prefix)) covered.push(prefix);
    for (const tag of covered) {
      const count = (this.tagCoverage.get(tag) ?? 0) + delta;
      if (count > 0) this.tagCoverage.set(tag, count);
      else this.tagCoverage.delete(tag);
    }
  }

  /** Visits every (derived index, key) pair an entry contributes, so adding and removing stay symmetric. */
  private contribute(entry: Entry, visit: (map: MultiMap<string, string>, key: string) => void): void {
    for (const tag of entry.tags) visit(this.byTag, tag);
    if (entry.type) visit(this.byType, entry.type);
    if (entry.status) visit(this.byStatus, entry.status);
    for (const id of personIdsOf(entry)) visit(this.byPerson, id);
    const wikiNames = wikiNamesOf(entry);
    for (const name of wikiNames) visit(this.byWikiName, name);
    if (!entry.skipped) {
      // The title's key is usually its wikilink name too: one string then serves both maps.
      const titleKey = normalizeTitle(entry.title);
      visit(this.byTitle, wikiNames.find((name) => name === titleKey) ?? titleKey);
    }
    const lowerCasePath = entry.path.toLowerCase();
    if (lowerCasePath !== entry.path) visit(this.byLowerCasePath, lowerCasePath);
    for (const link of entry.links) {
      if (link.kind === 'markdown') visit(this.markdownLinkSources, link.key.toLowerCase());
      else {
        visit(this.wikiLinkSources, link.key);
        if (link.altKey !== undefined) visit(this.wikiLinkSources, link.altKey);
      }
    }
  }
}

export function tagAndAncestors(tag: string): string[] {
  const result = [tag];
  for (let slash = tag.lastIndexOf('/'); slash > 0; slash = tag.lastIndexOf('/', slash - 1)) result.push(tag.slice(0, slash));
  return result;
}

function personIdsOf(entry: Entry): Set<string> {
  const ids = new Set<string>();
  for (const author of entry.authors) ids.add(parsePerson(author).id);
  if (entry.owner) ids.add(parsePerson(entry.owner).id);
  return ids;
}

/** Names a wikilink may use for this entry: its file name and its title. */
function wikiNamesOf(entry: Entry): string[] {
  const name = wikiKey(entryName(entry.path));
  if (entry.skipped) return [name];
  const title = wikiKey(entry.title);
  return title === name ? [name] : [name, title];
}

function sortedValues(values: Iterable<string>): string[] {
  const list = [...values];
  return list.length < 2 ? list : list.sort();
}

function normalizeTitle(title: string): string {
  const lower = title.trim().toLowerCase();
  return /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
}
