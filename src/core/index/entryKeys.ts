// The keys an entry is filed under in the derived indexes: its tags with their ancestors, its
// wikilink names, its title key and its people's ids. Pure functions of the entry (the person
// ids are cached), so adding and removing an entry always compute the same keys.
import type { Entry } from '../model';
import { entryName } from '../paths';
import { parsePerson } from '../people';
import { wikiKey } from '../markdownScan';

/** A tag and each of its ancestors, longest first. The result is shared: do not change it. */
export function tagAndAncestors(tag: string): readonly string[] {
  let result = ancestorsByTag.get(tag);
  if (result === undefined) {
    const list = [tag];
    for (let slash = tag.lastIndexOf('/'); slash > 0; slash = tag.lastIndexOf('/', slash - 1)) list.push(tag.slice(0, slash));
    result = Object.freeze(list);
    // Shared by every knowledge base in the process; a knowledge base uses a few hundred tags, but
    // the cache is bounded all the same. Frozen: callers share the lists.
    if (ancestorsByTag.size >= 10_000) ancestorsByTag.clear();
    ancestorsByTag.set(tag, result);
  }
  return result;
}

const ancestorsByTag = new Map<string, readonly string[]>();

/** Names a wikilink may use for this entry: its file name and its title. */
export function wikiNamesOf(entry: Entry): string[] {
  const name = wikiKey(entryName(entry.path));
  if (entry.skipped) return [name];
  const title = wikiKey(entry.title);
  return title === name ? [name] : [name, title];
}

export function normalizeTitle(title: string): string {
  const lower = title.trim().toLowerCase();
  return /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
}

/** Person ids by author or owner text: a few hundred people write a knowledge base's entries. */
export class PersonIds {
  private readonly cache = new Map<string, string>();

  /** The distinct ids of an entry's authors and owner. */
  of(entry: Entry): string[] {
    const ids: string[] = [];
    for (const author of entry.authors) {
      const id = this.idOf(author);
      if (!ids.includes(id)) ids.push(id);
    }
    if (entry.owner) {
      const id = this.idOf(entry.owner);
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private idOf(text: string): string {
    let id = this.cache.get(text);
    if (id === undefined) {
      // Bounded: after this many different spellings the cache starts over.
      if (this.cache.size >= 10_000) this.cache.clear();
      id = parsePerson(text).id;
      this.cache.set(text, id);
    }
    return id;
  }
}
