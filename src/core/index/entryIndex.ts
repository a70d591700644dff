// The live index of entries and the indexes derived from them. Every change goes through
// `apply()`, which updates each derived index by removing what the old entry contributed and adding
// what the new one does, then fires one event for the batch. A full rebuild is just `apply()` of
// every entry into an empty index; a test checks the two always agree.
import type { Entry, Link } from '../model';
import { entryName, pathKey, posixDirname } from '../paths';
import { wikiKey } from '../markdownScan';
import { fill, type Contribution, type EntryId, type Visit } from './contributions';
import { normalizeTitle, PersonIds, wikiNamesOf } from './entryKeys';
import { TagsFromBelow } from './tagsFromBelow';
import { FolderTree } from './folderTree';
import { buildLinkSources, buildLinkSourcesInSlices, linkContributions, type LinkSources } from './linkSources';
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
  /** Path -> entry number, in the order entries were first indexed. */
  private readonly ids = new Map<string, EntryId>();
  /** Entry number -> entry (undefined for a free number). */
  private readonly slots: Array<Entry | undefined> = [];
  private readonly freeIds: EntryId[] = [];
  /** With byTag, how many entries each tag covers (see TagsFromBelow). */
  private readonly coveredFromBelow = new TagsFromBelow();
  /** Tag -> entries carrying exactly that tag. */
  private readonly byTag = new MultiMap<string, EntryId>();
  private readonly byType = new MultiMap<string, EntryId>();
  private readonly byStatus = new MultiMap<string, EntryId>();
  private readonly byPerson = new MultiMap<string, EntryId>();
  private readonly byFolder = new MultiMap<string, EntryId>();
  private readonly folders = new FolderTree();
  private readonly byTitle = new MultiMap<string, EntryId>();
  /**
   * Path key (see pathKey) -> entries whose path differs from its key, so Markdown links that differ
   * only in letter case or Unicode form still find them. Entries whose path is its key are found in `ids`.
   */
  private readonly byPathKey = new MultiMap<string, EntryId>();
  /** Wikilink name (file name and title, see wikiKey) -> entries. */
  private readonly byWikiName = new MultiMap<string, EntryId>();
  /**
   * Who links where, for backlinks and the broken-link list. Built on first use and kept up to
   * date from then on: a load does not need it, and at 100k entries filling it is about a third
   * of the index build (half a million links), so the editor's first views come up without it.
   */
  private linkSources: LinkSources | undefined;
  /** What each entry contributes to `linkSources`; empty until they exist. */
  private linkParts: Contribution[] = [];
  /** Counts the batches that changed something, so a sliced build can tell it fell behind. */
  private version = 0;
  private readonly people = new PersonIds();
  private readonly listeners = new Set<Listener>();

  get size(): number {
    return this.ids.size;
  }

  /** Goes up with every batch that changed something: what was worked out from the index at one revision still holds at the same one. */
  get revision(): number {
    return this.version;
  }

  /** Whether the link sources exist yet (see prepareLinkSources). */
  get linkSourcesReady(): boolean {
    return this.linkSources !== undefined;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  apply(batch: IndexBatch): IndexChangeEvent {
    const event: IndexChangeEvent = { added: [], changed: [], removed: [] };
    for (const path of batch.removals ?? []) {
      const id = this.ids.get(path);
      if (id === undefined) continue;
      this.unindex(this.slots[id]!, id);
      this.ids.delete(path);
      this.slots[id] = undefined;
      this.freeIds.push(id);
      event.removed.push(path);
    }
    // Old contributions go first; the new entries then fill one derived index at a time (see indexAll).
    const fresh: Entry[] = [];
    const freshIds: EntryId[] = [];
    /** Where an id sits in `fresh`, for a path given twice in one batch (the last one wins). */
    const freshAt = new Map<EntryId, number>();
    for (const entry of batch.upserts ?? []) {
      let id = this.ids.get(entry.path);
      const old = id === undefined ? undefined : this.slots[id];
      const pending = id === undefined ? undefined : freshAt.get(id);
      if (pending !== undefined) fresh[pending] = entry;
      else {
        if (old) this.unindex(old, id!);
        else {
          id = this.freeIds.pop() ?? this.slots.length;
          this.ids.set(entry.path, id);
        }
        freshAt.set(id!, fresh.length);
        fresh.push(entry);
        freshIds.push(id!);
      }
      this.slots[id!] = entry;
      (old ? event.changed : event.added).push(entry.path);
    }
    this.indexAll(fresh, freshIds);
    if (event.added.length + event.changed.length + event.removed.length) {
      this.version++;
      for (const listener of this.listeners) listener(event);
    }
    return event;
  }

  get(path: string): Entry | undefined {
    const id = this.ids.get(path);
    return id === undefined ? undefined : this.slots[id];
  }

  has(path: string): boolean {
    return this.ids.has(path);
  }

  *all(): IterableIterator<Entry> {
    for (const id of this.ids.values()) yield this.slots[id]!;
  }

  paths(): IterableIterator<string> {
    return this.ids.keys();
  }

  /** The paths of entry numbers, as a new Set. */
  private pathSet(ids: Iterable<EntryId>): Set<string> {
    const paths = new Set<string>();
    for (const id of ids) paths.add(this.slots[id]!.path);
    return paths;
  }

  private pathList(ids: Iterable<EntryId>): string[] {
    const paths: string[] = [];
    for (const id of ids) paths.push(this.slots[id]!.path);
    return paths;
  }

  // Tags ------------------------------------------------------------------------------------

  /** Every tag in use (with ancestors of hierarchical tags) and how many entries it covers. */
  tagCounts(): Map<string, number> {
    const counts = this.byTag.sizes();
    for (const [tag, below] of this.coveredFromBelow.counts()) counts.set(tag, (counts.get(tag) ?? 0) + below);
    return counts;
  }

  /** How many entries carry this tag or one below it. */
  tagCount(tag: string): number {
    return this.byTag.size(tag) + this.coveredFromBelow.count(tag);
  }

  /** Entries tagged with exactly this tag. */
  withTag(tag: string): ReadonlySet<string> {
    return this.pathSet(this.byTag.values(tag));
  }

  withTagOrDescendant(tag: string): ReadonlySet<string> {
    const below = tag + '/';
    const ids = new Set<EntryId>(this.byTag.values(tag));
    for (const other of this.byTag.keys()) {
      if (other.startsWith(below)) for (const id of this.byTag.values(other)) ids.add(id);
    }
    return this.pathSet(ids);
  }

  withType(type: string): ReadonlySet<string> {
    return this.pathSet(this.byType.values(type));
  }

  types(): Map<string, number> {
    return this.byType.sizes();
  }

  withStatus(status: string): ReadonlySet<string> {
    return this.pathSet(this.byStatus.values(status));
  }

  byPersonId(id: string): ReadonlySet<string> {
    return this.pathSet(this.byPerson.values(id));
  }

  personIds(): IterableIterator<string> {
    return this.byPerson.keys();
  }

  // Folders ---------------------------------------------------------------------------------

  entriesInFolder(folder: string): ReadonlySet<string> {
    return this.pathSet(this.byFolder.values(folder));
  }

  subfoldersOf(folder: string): ReadonlySet<string> {
    return this.folders.subfoldersOf(folder);
  }

  /** Number of entries in a folder and all folders below it. */
  folderSize(folder: string): number {
    return this.folders.size(folder);
  }

  // Links -----------------------------------------------------------------------------------

  resolve(link: Link): string[] {
    if (link.kind === 'markdown') {
      if (this.ids.has(link.key)) return [link.key];
      return this.pathsByKey(pathKey(link.key));
    }
    const targets = this.resolveWikiName(link.key);
    return targets.length || link.altKey === undefined ? targets : this.resolveWikiName(link.altKey);
  }

  /**
   * The heading a link names after its `#`, from the side of its bar that named the entry it
   * resolves to: Dendron's `[[label|note#heading]]` names it on the right.
   */
  linkHeading(link: Link): string | undefined {
    if (link.kind !== 'wiki' || link.altKey === undefined || link.alias === undefined || this.resolveWikiName(link.key).length) return link.heading;
    const hash = link.alias.indexOf('#');
    return hash >= 0 ? link.alias.slice(hash + 1).trim() || undefined : undefined;
  }

  /**
   * The name to write a wikilink to an entry with: its title, else its file name (the file name
   * first with `fileNameFirst`, as Dendron and Obsidian write links), else its path, without `.md`
   * and then with it: the first that leads to that entry alone and that a wikilink can hold (no
   * `[`, `]`, `|` or `#`). A title several entries share leads to none of them for sure.
   */
  wikiNameFor(path: string, fileNameFirst = false): string | undefined {
    const entry = this.get(path);
    if (!entry) return undefined;
    const names = fileNameFirst ? [entryName(path), entry.title] : [entry.title, entryName(path)];
    for (const name of [...names, path.replace(/\.(md|markdown)$/i, ''), path]) {
      if (!name.trim() || /[[\]|#]/.test(name)) continue;
      const targets = this.resolveWikiName(wikiKey(name));
      if (targets.length === 1 && targets[0] === path) return name;
    }
    // Only a path a wikilink cannot hold is left: the path, as the nearest a reader can follow.
    return path;
  }

  /** A wikilink name matches an entry's file name or title, or else its path (`[[folder/note]]`, `[[note.markdown]]`). */
  private resolveWikiName(name: string): string[] {
    const size = this.byWikiName.size(name);
    if (size === 1) return this.pathList(this.byWikiName.values(name));
    if (size) {
      // An entry whose file name it is wins over entries whose title it is, as wikis resolve names.
      const all = this.pathList(this.byWikiName.values(name));
      const byFileName = all.filter((path) => wikiKey(entryName(path)) === name);
      return sortedValues(byFileName.length ? byFileName : all);
    }
    const byPath = this.pathsByKey(pathKey(name + '.md'));
    return byPath.length ? byPath : this.pathsByKey(pathKey(name.endsWith('.markdown') ? name : name + '.markdown'));
  }

  /** Entries whose path has this key (see pathKey). */
  private pathsByKey(key: string): string[] {
    const paths = this.pathList(this.byPathKey.values(key));
    if (this.ids.has(key)) paths.push(key);
    return sortedValues(paths);
  }

  outgoing(path: string): ResolvedLink[] {
    const entry = this.get(path);
    return entry ? entry.links.map((link) => ({ link, targets: this.resolve(link) })) : [];
  }

  /** Entries with a link that resolves to this entry. */
  backlinks(path: string): string[] {
    const entry = this.get(path);
    if (!entry) return [];
    const { markdown, wiki } = this.sources();
    const candidates = new Set<EntryId>(markdown.values(pathKey(path)));
    for (const name of wikiNamesOf(entry)) for (const source of wiki.values(name)) candidates.add(source);
    // `[[folder/note]]` and `[[folder/note.markdown]]` name the path itself.
    for (const name of new Set([wikiKey(path.replace(/\.(md|markdown)$/i, '')), wikiKey(path)])) {
      for (const source of wiki.values(name)) candidates.add(source);
    }
    const sources: string[] = [];
    for (const source of candidates) {
      const holder = this.slots[source]!;
      if (holder === entry) continue;
      if (holder.links.some((link) => this.resolve(link).includes(path))) sources.push(holder.path);
    }
    return sources.sort();
  }

  brokenLinks(): Array<{ source: string; link: Link }> {
    const broken: Array<{ source: string; link: Link }> = [];
    const { markdown, wiki } = this.sources();
    for (const key of markdown.keys()) {
      if (this.byPathKey.size(key) || this.ids.has(key)) continue;
      for (const source of markdown.values(key)) {
        const holder = this.slots[source]!;
        for (const link of holder.links) {
          if (link.kind === 'markdown' && pathKey(link.key) === key) broken.push({ source: holder.path, link });
        }
      }
    }
    for (const name of wiki.keys()) {
      if (this.byWikiName.size(name)) continue;
      for (const source of wiki.values(name)) {
        const holder = this.slots[source]!;
        for (const link of holder.links) {
          // A link is listed under its first name only, so one with two candidates is counted once.
          if (link.kind === 'wiki' && link.key === name && this.resolve(link).length === 0) broken.push({ source: holder.path, link });
        }
      }
    }
    return broken;
  }

  linkCount(): number {
    let total = 0;
    for (const entry of this.all()) total += entry.links.length;
    return total;
  }

  // Titles ----------------------------------------------------------------------------------

  withTitle(title: string): ReadonlySet<string> {
    return this.pathSet(this.byTitle.values(normalizeTitle(title)));
  }

  duplicateTitles(): string[][] {
    const groups: string[][] = [];
    for (const title of this.byTitle.keys()) if (this.byTitle.size(title) > 1) groups.push(this.pathList(this.byTitle.values(title)).sort());
    return groups;
  }

  /** A canonical, sorted dump of every derived index: equal dumps mean equal indexes. */
  dump(): Record<string, unknown> {
    const path = (id: EntryId) => this.slots[id]!.path;
    const { markdown, wiki } = this.sources();
    return {
      entries: [...this.ids.keys()].sort(),
      tagCoverage: [...this.tagCounts().entries()].sort(),
      byTag: this.byTag.dump(path),
      byType: this.byType.dump(path),
      byStatus: this.byStatus.dump(path),
      byPerson: this.byPerson.dump(path),
      byFolder: this.byFolder.dump(path),
      ...this.folders.dump(),
      byTitle: this.byTitle.dump(path),
      byPathKey: this.byPathKey.dump(path),
      byWikiName: this.byWikiName.dump(path),
      markdownLinkSources: markdown.dump(path),
      wikiLinkSources: wiki.dump(path),
    };
  }

  // Maintenance -----------------------------------------------------------------------------

  /** Adds new entries to every derived index (see fill). */
  private indexAll(entries: Entry[], ids: EntryId[]): void {
    fill(this.contributions, entries, ids);
    if (this.linkParts.length) fill(this.linkParts, entries, ids);
    for (let i = 0; i < entries.length; i++) this.coveredFromBelow.change(entries[i], 1);
    // A load hands over a folder's files together, so the folder tree counts runs of one folder.
    let runFolder = '';
    let runLength = 0;
    for (let i = 0; i < entries.length; i++) {
      const folder = posixDirname(entries[i].path);
      this.byFolder.add(folder, ids[i]);
      if (runLength && folder !== runFolder) {
        this.folders.add(runFolder, runLength);
        runLength = 0;
      }
      runFolder = folder;
      runLength++;
    }
    if (runLength) this.folders.add(runFolder, runLength);
  }

  private unindex(entry: Entry, id: EntryId): void {
    this.contribute(entry, (map, key) => map.delete(key, id));
    this.coveredFromBelow.change(entry, -1);
    const folder = posixDirname(entry.path);
    this.byFolder.delete(folder, id);
    this.folders.remove(folder);
  }

  /** Visits every (derived index, key) pair an entry contributes, so adding and removing stay symmetric. */
  private contribute(entry: Entry, visit: Visit): void {
    for (const part of this.contributions) part(entry, visit);
    for (const part of this.linkParts) part(entry, visit);
  }

  /** The link sources, built from every entry the first time they are asked for. */
  private sources(): LinkSources {
    if (this.linkSources) return this.linkSources;
    const ids = [...this.ids.values()];
    return this.adopt(buildLinkSources(ids.map((id) => this.slots[id]!), ids));
  }

  private adopt(sources: LinkSources): LinkSources {
    this.linkSources = sources;
    this.linkParts = linkContributions(sources);
    return sources;
  }

  /**
   * Builds the link sources a slice at a time, pausing between slices, so that a large knowledge
   * base has them before its first backlinks query without freezing for a second to build them
   * then. The partial build never touches the live index: a batch applied meanwhile makes it start
   * over. After three builds cut short it gives up (the index is busy: a reload, a branch switch)
   * and returns false; the link sources then wait for another call or the first query.
   */
  async prepareLinkSources(sliceMs: number, pause: () => Promise<void>): Promise<boolean> {
    for (let attempt = 0; attempt < 3 && !this.linkSources; attempt++) {
      const version = this.version;
      const unchanged = () => this.version === version && !this.linkSources;
      const built = await buildLinkSourcesInSlices([...this.ids.values()], (id) => this.slots[id]!, sliceMs, pause, unchanged);
      if (built && unchanged()) this.adopt(built);
    }
    return this.linkSources !== undefined;
  }

  /** What an entry contributes, one part per derived index (titles and wikilink names share one). */
  private readonly contributions: Contribution[] = [
    (entry, visit) => {
      for (const tag of entry.tags) visit(this.byTag, tag);
    },
    (entry, visit) => {
      if (entry.type) visit(this.byType, entry.type);
    },
    (entry, visit) => {
      if (entry.status) visit(this.byStatus, entry.status);
    },
    (entry, visit) => {
      for (const person of this.people.of(entry)) visit(this.byPerson, person);
    },
    (entry, visit) => {
      const wikiNames = wikiNamesOf(entry);
      for (const name of wikiNames) visit(this.byWikiName, name);
      if (entry.skipped) return;
      // The title's key is usually its wikilink name too: one string then serves both maps.
      const titleKey = normalizeTitle(entry.title);
      visit(this.byTitle, wikiNames.find((name) => name === titleKey) ?? titleKey);
    },
    (entry, visit) => {
      const key = pathKey(entry.path);
      if (key !== entry.path) visit(this.byPathKey, key);
    },
  ];

}

function sortedValues(values: Iterable<string>): string[] {
  const list = [...values];
  return list.length < 2 ? list : list.sort();
}
