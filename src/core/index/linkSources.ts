// Who links where: for each link target, the entries holding such a link. Only backlinks and the
// broken-link list need it, so the index builds it after a load (in slices) or on first use, and
// keeps it current from then on (see EntryIndex.prepareLinkSources).
import type { Entry } from '../model';
import { forEachLinkKey } from '../restoredEntry';
import { fill, type Contribution, type EntryId } from './contributions';
import { MultiMap } from './multiMap';
import { pathKey } from '../paths';

export interface LinkSources {
  /** The key (see pathKey) of the path a Markdown link points at -> entries holding such a link. */
  markdown: MultiMap<string, EntryId>;
  /** Wikilink name -> entries holding such a link. */
  wiki: MultiMap<string, EntryId>;
}

/** Entries per step of a sliced build: big enough for hot maps, small enough for a 25 ms slice. */
const STEP = 500;

/** What an entry contributes to these link sources: one part for both, so a packed entry's links are read once. */
export function linkContributions({ markdown, wiki }: LinkSources): Contribution[] {
  return [
    (entry, visit) =>
      forEachLinkKey(entry, (isWiki, key, altKey) => {
        if (!isWiki) return visit(markdown, pathKey(key));
        visit(wiki, key);
        if (altKey !== undefined) visit(wiki, altKey);
      }),
  ];
}

/** The link sources of these entries, built at once. */
export function buildLinkSources(entries: Entry[], ids: EntryId[]): LinkSources {
  const sources = emptyLinkSources();
  fill(linkContributions(sources), entries, ids);
  return sources;
}

/**
 * The link sources of these entries, built a slice of `sliceMs` at a time with a `pause` after
 * each; undefined as soon as `current()` says, after a pause, that the entries changed meanwhile.
 */
export async function buildLinkSourcesInSlices(
  ids: EntryId[],
  entryOf: (id: EntryId) => Entry,
  sliceMs: number,
  pause: () => Promise<void>,
  current: () => boolean,
): Promise<LinkSources | undefined> {
  const sources = emptyLinkSources();
  const parts = linkContributions(sources);
  let done = 0;
  while (done < ids.length) {
    const started = Date.now();
    do {
      const step = ids.slice(done, done + STEP);
      fill(parts, step.map(entryOf), step);
      done += step.length;
    } while (done < ids.length && Date.now() - started < sliceMs);
    await pause();
    if (!current()) return undefined;
  }
  return sources;
}

function emptyLinkSources(): LinkSources {
  return { markdown: new MultiMap(), wiki: new MultiMap() };
}
