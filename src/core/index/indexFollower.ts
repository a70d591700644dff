// Keeps a structure derived from the index (the search text, the similarity vectors) current
// without doing its work while a load fills the index. Index events only note which paths
// changed; the structure catches up on its next query, or ahead of it in slices once the editor
// is idle. Doing that work per batch made an editor's load of 100k entries several times slower
// than the same load without it.
import type { EntryIndex } from './entryIndex';
import type { Entry } from '../model';

/** What a follower keeps up to date: one entry in, one path out. */
export interface FollowedStructure {
  add(entry: Entry): void;
  remove(path: string): void;
}

/** Paths handled between two looks at the clock. */
const STEP = 200;

export class IndexFollower {
  /**
   * The paths of the first build, from `next` on still to add; undefined before it starts. Paths,
   * not entries: each is looked up when its turn comes, so the list keeps no old entry alive and
   * adds each entry as it is then.
   */
  private firstBuild: string[] | undefined;
  private next = 0;
  /** Paths changed since the first build started: removed, then added again if still indexed. */
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

  /** Brings the structure up to date with the index, all at once: before a query that must see everything. */
  catchUp(): void {
    this.start();
    this.step(Infinity);
  }

  /**
   * Up to about `budgetMs` of catching up: for queries that can do with the entries followed so
   * far (tag suggestions while a large knowledge base is first prepared) rather than wait.
   */
  catchUpWithin(budgetMs: number): void {
    this.start();
    this.step(budgetMs);
  }

  /**
   * Catches up a slice of `sliceMs` at a time with a `pause` between slices, so the editor stays
   * responsive. Stops early once `cancelled()` says so; a later call goes on from there.
   */
  async catchUpInSlices(sliceMs: number, pause: () => Promise<void>, cancelled: () => boolean = () => false): Promise<void> {
    this.start();
    while (!cancelled() && this.step(sliceMs)) await pause();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private start(): void {
    if (!this.firstBuild) this.firstBuild = [...this.index.paths()];
  }

  /** Catches up for about `sliceMs`: the first build, then the stale paths. True while work is left. */
  private step(sliceMs: number): boolean {
    const started = Date.now();
    const build = this.firstBuild!;
    while (this.next < build.length) {
      const end = Math.min(this.next + STEP, build.length);
      for (; this.next < end; this.next++) {
        const entry = this.index.get(build[this.next]);
        if (entry) this.structure.add(entry);
      }
      if (Date.now() - started >= sliceMs) return true;
    }
    build.length = 0;
    this.next = 0;
    // Only once the first build is done: a path it has yet to reach must not be added twice.
    let done = 0;
    for (const path of this.stale) {
      this.stale.delete(path);
      this.structure.remove(path);
      const entry = this.index.get(path);
      if (entry) this.structure.add(entry);
      if (++done % STEP === 0 && Date.now() - started >= sliceMs) return this.stale.size > 0;
    }
    return false;
  }
}
