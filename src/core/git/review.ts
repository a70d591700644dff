// Reviewing contributions: which branches propose changes to the knowledge base and what each one
// changes. The refs (reviewRefs.ts), the review of one entry (reviewDiff.ts) and the merge
// (reviewMerge.ts) live beside it. Only refs and hashes that git itself printed are used as
// arguments here; names given by people are verified first.
import { GitError, type GitRunner } from '../ports';
import { defaultBranch, defaultBranchCommit, remoteNames, splitRemoteRef, type DefaultBranch } from './reviewRefs';

export { defaultBranch, defaultBranchCommit, kbPrefix, resolveCommit, type DefaultBranch } from './reviewRefs';
import { removalFindings, reviewEntry, type EntryReview, type ReviewContext } from './reviewDiff';
export { removalFindings, reviewEntry, type EntryReview, type FieldChange, type ReviewContext } from './reviewDiff';
export { mergeContribution, mergeReadiness, MergeError, type MergeOptions, type MergePorts, type MergeResult } from './reviewMerge';

export interface Contribution {
  /** Short name as people write it: `kb/new-entry` or `origin/kb/new-entry`. */
  name: string;
  /** Full ref name, e.g. `refs/remotes/origin/kb/new-entry`. */
  ref: string;
  kind: 'local' | 'remote';
  head: string;
  author: { name: string; email: string };
  /** Committer time of the newest commit, in milliseconds since the epoch. */
  timeMs: number;
  mergeBase: string;
  /** Paths relative to the knowledge-base root, sorted. */
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ListOptions {
  /** Where the knowledge base sits inside the repository, e.g. `docs/kb/` (`''` at the top). See kbPrefix(). */
  kbPrefix: string;
  /** Whether a knowledge-base-relative path is an entry (usually `kb.isEntryPath`). */
  isEntry: (path: string) => boolean;
  /** Run `git fetch --prune` first, so remote contributions are current. */
  fetch?: boolean;
}

export interface ContributionList {
  defaultBranch: DefaultBranch;
  contributions: Contribution[];
  /** Why fetching failed, in git's words; the listing then shows what was known locally. */
  fetchError?: string;
  /**
   * In a shallow clone, branches whose common history with the default branch lies beyond the
   * clone's depth, by name: they cannot be compared, so they are not listed, but they may well be
   * contributions (`git fetch --unshallow` brings the history). Empty in a full clone, where a
   * branch without common history (gh-pages) is simply not a contribution.
   */
  beyondShallow: string[];
}

/** Diffs run a few at a time: enough to overlap git's start-up cost without flooding the machine. */
const PARALLEL_DIFFS = 8;

export async function listContributions(git: GitRunner, cwd: string, options: ListOptions): Promise<ContributionList> {
  let fetchError: string | undefined;
  if (options.fetch) {
    try {
      await git.run(['fetch', '--prune', '--quiet'], cwd);
    } catch (error) {
      fetchError = error instanceof GitError ? error.stderr.trim() || error.message : String(error);
    }
  }
  const base = await defaultBranch(git, cwd);
  const baseHead = await defaultBranchCommit(git, cwd, base);

  // One pass lists every candidate with its newest commit's facts; refs merged into any form of
  // the default branch are left out by git itself.
  const format = '%(refname)%00%(symref)%00%(objectname)%00%(authorname)%00%(authoremail)%00%(committerdate:unix)';
  const notMerged = base.refs.map((ref) => `--no-merged=${ref}`);
  const listing = await git.run(['for-each-ref', `--format=${format}`, ...notMerged, 'refs/heads/', 'refs/remotes/'], cwd);
  const candidates: Omit<Contribution, 'mergeBase' | 'added' | 'changed' | 'removed'>[] = [];
  for (const line of listing.split('\n')) {
    if (!line) continue;
    const [ref, symref, head, authorName, authorEmail, time] = line.split('\0');
    if (symref || ref.endsWith('/HEAD') || base.refs.includes(ref)) continue;
    const kind = ref.startsWith('refs/heads/') ? 'local' : 'remote';
    const name = ref.slice(kind === 'local' ? 'refs/heads/'.length : 'refs/remotes/'.length);
    candidates.push({ name, ref, kind, head, author: { name: authorName, email: authorEmail.replace(/^<|>$/g, '') }, timeMs: Number(time) * 1000 });
  }
  // A pushed branch and its remote-tracking twin at the same commit are one contribution: the local
  // one is listed. The remote's name may hold slashes (`team/kb`), so the branch's name there is
  // what follows the remote's whole name.
  const localHeads = new Set(candidates.filter((c) => c.kind === 'local').map((c) => `${c.name}\0${c.head}`));
  const remotes = await remoteNames(git, cwd);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const candidate = candidates[i];
    const there = candidate.kind === 'remote' ? splitRemoteRef(candidate.ref, remotes) : undefined;
    if (there && localHeads.has(`${there.branch}\0${candidate.head}`)) candidates.splice(i, 1);
  }
  if (!candidates.length) return { defaultBranch: base, contributions: [], fetchError, beyondShallow: [] };

  const bases = await mergeBases(git, cwd, baseHead, candidates.map((c) => c.head));
  const contributions: Contribution[] = [];
  const work = candidates.filter((c) => bases.has(c.head));
  const unrelated = candidates.filter((c) => !bases.has(c.head)).map((c) => c.name);
  const shallow = unrelated.length > 0 && (await git.run(['rev-parse', '--is-shallow-repository'], cwd)).trim() === 'true';
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const candidate = work[next++];
      const mergeBase = bases.get(candidate.head)!;
      const changes = await changedEntries(git, cwd, mergeBase, candidate.head, options);
      contributions.push({ ...candidate, mergeBase, ...changes });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DIFFS, work.length) }, worker));
  contributions.sort((a, b) => b.timeMs - a.timeMs || a.name.localeCompare(b.name));
  return { defaultBranch: base, contributions, fetchError, beyondShallow: shallow ? unrelated.sort() : [] };
}

/**
 * Merge bases of many heads with one base in a single process: `git rev-parse base...head` prints
 * the head, the base, then each merge base negated. Heads without a common history (a `gh-pages`
 * branch, say) get none and are not contributions.
 */
async function mergeBases(git: GitRunner, cwd: string, base: string, heads: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(heads)];
  // Every argument starts with a commit hash from git itself, so none can be read as an option;
  // `--end-of-options` is not used because older rev-parse versions echo it back.
  const output = await git.run(['rev-parse', ...unique.map((head) => `${base}...${head}`)], cwd);
  const result = new Map<string, string>();
  const lines = output.split('\n').filter((line) => /^\^?[0-9a-f]{40,64}$/.test(line));
  let group = -1;
  let positives = 0;
  for (const line of lines) {
    if (line.startsWith('^')) {
      const head = unique[group];
      if (head && !result.has(head)) result.set(head, line.slice(1));
      continue;
    }
    // Each group starts with two positive lines (head, then base).
    if (positives % 2 === 0) group++;
    positives++;
  }
  return result;
}

async function changedEntries(git: GitRunner, cwd: string, from: string, to: string, options: ListOptions): Promise<Pick<Contribution, 'added' | 'changed' | 'removed'>> {
  const args = ['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', '--no-textconv'];
  // `--relative` both limits the diff to the knowledge base and prints paths relative to its root.
  if (options.kbPrefix) args.push(`--relative=${options.kbPrefix}`);
  args.push(`${from}..${to}`, '--');
  const output = await git.run(args, cwd);
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  const fields = output.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i];
    const path = fields[i + 1];
    if (!options.isEntry(path)) continue;
    if (status === 'A') added.push(path);
    else if (status === 'D') removed.push(path);
    else changed.push(path);
  }
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

/**
 * Every entry a contribution adds, changes or removes, reviewed; a removed entry's review also
 * lists what its removal breaks elsewhere (see removalFindings), as the contribution leaves the rest.
 */
export async function reviewContribution(git: GitRunner, cwd: string, contribution: Contribution, context: Omit<ReviewContext, 'mergeBase'>): Promise<EntryReview[]> {
  const paths = [...contribution.added, ...contribution.changed, ...contribution.removed];
  const reviews = await mapAFewAtATime(paths, ENTRIES_AT_ONCE, (p) => reviewEntry(git, cwd, contribution.ref, p, { ...context, mergeBase: contribution.mergeBase }));
  const afterByPath = new Map(reviews.map((review) => [review.path, review.afterEntry]));
  for (const review of reviews) if (review.after === undefined) review.introduced.push(...removalFindings(context.kb, review.path, afterByPath));
  return reviews;
}

/**
 * Entries reviewed at once. Each runs a few git processes; a branch bringing a thousand entries
 * (a checkout of an old branch, a fetch) started five thousand at once and kept the extension
 * host busy for most of a minute.
 */
const ENTRIES_AT_ONCE = 6;

/** `work` over every item, at most `limit` at a time; results in the items' order. */
async function mapAFewAtATime<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
