// How many entries cover a tag only through a tag below it: `a` for an entry tagged `a/b` but not
// `a`. The index's byTag counts the entries that carry a tag; the two together give every tag's
// coverage, each entry counted once per tag. An index of flat tags, as most are, keeps nothing here.
import type { Entry } from '../model';
import { tagAndAncestors } from './entryKeys';

export class TagsFromBelow {
  private readonly below = new Map<string, number>();

  /** Counts the entry (delta 1) or stops counting it (-1) once for each ancestor of its tags that it does not carry itself. */
  change(entry: Entry, delta: 1 | -1): void {
    const tags = entry.tags;
    let above: string[] | undefined;
    for (const tag of tags) {
      if (!tag.includes('/')) continue;
      const ancestors = tagAndAncestors(tag);
      for (let i = 1; i < ancestors.length; i++) {
        const ancestor = ancestors[i];
        if (!tags.includes(ancestor) && !above?.includes(ancestor)) (above ??= []).push(ancestor);
      }
    }
    if (!above) return;
    for (const tag of above) {
      const count = (this.below.get(tag) ?? 0) + delta;
      if (count > 0) this.below.set(tag, count);
      else this.below.delete(tag);
    }
  }

  /** How many entries cover `tag` only through a tag below it. */
  count(tag: string): number {
    return this.below.get(tag) ?? 0;
  }

  counts(): IterableIterator<[string, number]> {
    return this.below.entries();
  }
}
