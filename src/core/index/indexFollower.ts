// Keeps a structure derived from the index (the search text, the similarity vectors) current
// without doing its work while a load fills the index. Index events only note which paths
// changed; the structure catches up on its next query, or ahead of it in slices once the editor
// is idle. Doing that work per batch made an editor's load of 100k entries several times slower
// than the same load without it.
import type { Entry } from '../model';
import type { EntryIndex } from './entryIndex';

/** What a follower keeps up to date: one entry in, one path out. */
export interface FollowedStructure {
  add(entry: Entry): void;
  remove(path: string): void;
}

/** Entries per step of a sliced catch-up. */
const STEP = 200;

export class IndexFollower {
  /** Entries of the first build still to add, from `next` on; undefined before it starts. */
  private firstBuild: Entry[] | undefined;
  private next = 0;
  /** Paths changed since they were last added: removed, then added again if still indexed. */
  private readonly stale = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly index: EntryIndex, private readonly structure: FollowedStructure) {
    this.subscription = index.onDidChange((event) => {
      // Before the first build starts there is nothing to correct: it reads the index as it is then.
      if (!this.firstBuild) return;
      for (const path of event.removed) this.stale.add(path);
      for (const path of event.added) this.stale.add(path);
      for (const path of event.changed) this.stale.add(path);
    });
  }

  /** Brings the structure up to date with the index, all at once: before a query. */
  catchUp(): void {
    this.start();
    while (this.step(Infinity)) {
      // Until the first build is done.
    }
    this.applyStale();
  }

  /**
   * At most about `budgetMs` of the first build, then, once it is done, what changed since: for
   * queries that can do with the entries followed so far (tag suggestions while a large knowledge
   * base loads) rather than wait for all of them.
   */
  catchUpWithin(budgetMs: number): void {
    this.start();
    if (!this.step(budgetMs)) this.applyStale();
  }

  /** The same a slice of `sliceMs` at a time, with a `pause` between slices, so the editor stays responsive. */
  async catchUpInSlices(sliceMs: number, pause: () => Promise<void>): Promise<void> {
    this.start();
    while (this.step(sliceMs)) await pause();
    this.applyStale();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private start(): void {
    if (!this.firstBuild) this.firstBuild = [...this.index.all()];
  }

  /** Adds first-build entries for up to `sliceMs`; true while some are left. */
  private step(sliceMs: number): boolean {
    const entries = this.firstBuild!;
    const started = Date.now();
    while (this.next < entries.length) {
      const end = Math.min(this.next + STEP, entries.length);
      for (; this.next < end; this.next++) this.structure.add(entries[this.next]);
      if (Date.now() - started >= sliceMs) break;
    }
    if (this.next < entries.length) return true;
    entries.length = 0;
    return false;
  }

  private applyStale(): void {
    for (const path of this.stale) {
      this.structure.remove(path);
      const entry = this.index.get(path);
      if (entry) this.structure.add(entry);
    }
    this.stale.clear();
  }
}
