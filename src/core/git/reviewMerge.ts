// Merging a reviewed contribution into the default branch. The merge only starts from a clean,
// checked-out default branch, so that aborting a conflicting merge restores exactly what was
// there; nothing is ever pushed.
import { GitError, type FileSystem, type GitRunner } from '../ports';
import { defaultBranch, resolveCommit, type DefaultBranch } from './reviewRefs';

export type MergeErrorCode = 'bad-branch' | 'not-on-default-branch' | 'dirty' | 'operation-in-progress' | 'no-identity' | 'already-merged' | 'branch-moved' | 'merge-failed' | 'ignored-files-in-the-way';

export class MergeError extends Error {
  constructor(readonly code: MergeErrorCode, message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** Git, and the file system for what git records only as folders (a rebase or `git am` under way). */
export interface MergePorts {
  git: GitRunner;
  fs: FileSystem;
}

export interface MergeOptions {
  message: string;
  /** The head the steward reviewed: when the branch has moved since, nothing is merged. */
  expectedHead?: string;
}

export type MergeResult =
  | { merged: true; commit: string }
  /** Repository-relative paths git could not merge; the merge was aborted and nothing changed. */
  | { merged: false; conflicts: string[] };

/**
 * Whether the branch can be merged now: throws the MergeError that says why not (off the default
 * branch, uncommitted changes, already merged…), else gives the default branch, the branch's
 * commit and HEAD. Ask it before asking a person to confirm; the merge asks it again.
 */
export async function mergeReadiness({ git, fs }: MergePorts, cwd: string, branch: string, options: Pick<MergeOptions, 'expectedHead'>): Promise<{ base: DefaultBranch; head: string; before: string; changed: string[] }> {
  const run = (args: string[]) => git.run(args, cwd);
  const head = await resolveCommit(git, cwd, branch);
  if (!head) throw new MergeError('bad-branch', `"${branch}" is not a branch or commit in this repository`);
  if (options.expectedHead && options.expectedHead !== head) {
    throw new MergeError('branch-moved', `${branch} has new commits since it was reviewed: review it again before merging`);
  }

  const base = await defaultBranch(git, cwd);
  const current = (await run(['symbolic-ref', '-q', 'HEAD']).catch(() => '')).trim();
  if (current !== `refs/heads/${base.name}`) {
    throw new MergeError('not-on-default-branch', `switch to ${base.name} before merging (git switch ${base.name}): contributions are merged into the default branch only`);
  }
  for (const [marker, what] of [['MERGE_HEAD', 'a merge'], ['CHERRY_PICK_HEAD', 'a cherry-pick'], ['REVERT_HEAD', 'a revert']]) {
    if (await resolveCommit(git, cwd, marker)) throw new MergeError('operation-in-progress', `${what} is in progress: finish or abort it before merging`);
  }
  // A stopped `git am` leaves the branch checked out and, when a patch did not apply, the index
  // clean: only its folder says so. (rebase-apply is also the older rebase's.)
  for (const [folder, what] of [['rebase-merge', 'a rebase'], ['rebase-apply', 'a rebase or git am']]) {
    const marker = (await run(['rev-parse', '--path-format=absolute', '--git-path', folder])).trim();
    if (await fs.stat(marker)) throw new MergeError('operation-in-progress', `${what} is in progress: finish or abort it before merging`);
  }
  // Untracked files are allowed: git refuses on its own, before touching anything, when the merge
  // would overwrite one. Ignored ones it overwrites: those are checked below (ignoredFilesInTheWay).
  const status = await run(['-c', 'core.quotePath=false', 'status', '--porcelain', '-z', '--untracked-files=no']);
  if (status) {
    throw new MergeError('dirty', 'there are uncommitted changes: commit or stash them before merging, so a failed merge cannot mix with your own work');
  }
  if (!(await run(['var', 'GIT_COMMITTER_IDENT']).then(() => true, () => false))) {
    throw new MergeError('no-identity', 'git does not know who you are: run git config --global user.name "Your Name" and git config --global user.email "you@example.com"');
  }
  const before = (await run(['rev-parse', 'HEAD'])).trim();
  if (await run(['merge-base', '--is-ancestor', head, before]).then(() => true, () => false)) {
    throw new MergeError('already-merged', `${branch} is already part of ${base.name}`);
  }
  // What the merge brings, from the repository's top, read once: the files it writes are checked
  // against ignored ones here, and all of them are named to whoever confirms (a review shows entries
  // only, not a CI workflow, a script or commons.yml).
  const forkPoint = (await run(['merge-base', before, head]).catch(() => '')).trim();
  // Without a common history git refuses the merge on its own.
  const changes = forkPoint ? await changedFiles(git, cwd, forkPoint, head) : [];
  const inTheWay = await ignoredFilesInTheWay(git, cwd, changes.filter((change) => change.status !== 'D').map((change) => change.path));
  if (inTheWay.length) {
    const named = inTheWay.slice(0, 5).join(', ') + (inTheWay.length > 5 ? ` and ${inTheWay.length - 5} more` : '');
    throw new MergeError('ignored-files-in-the-way', `${branch} brings files that git ignores here and that exist only on this machine, which the merge would overwrite: ${named}; move them elsewhere first`);
  }
  const changed = changes.map((change) => change.path);
  return { base, head, before, changed };
}

/** The files a branch changes since `from`, with git's status letter (`D` for deleted), from the repository's top. */
async function changedFiles(git: GitRunner, cwd: string, from: string, to: string): Promise<Array<{ status: string; path: string }>> {
  const fields = (await git.run(['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', from, to], cwd)).split('\0');
  const changes: Array<{ status: string; path: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i + 1]) changes.push({ status: fields[i], path: fields[i + 1] });
  return changes;
}

/**
 * Ignored untracked files (local settings, secrets, build output) at the paths a branch writes
 * (`written`, from the repository's top), or where it needs a folder. Git refuses to overwrite an untracked
 * file, but not an ignored one: it replaces it silently, and aborting a conflicting merge then
 * deletes it. Repository-relative paths, sorted.
 */
async function ignoredFilesInTheWay(git: GitRunner, cwd: string, written: string[]): Promise<string[]> {
  if (!written.length) return [];
  const top = (await git.run(['rev-parse', '--show-toplevel'], cwd)).trim();
  const run = (args: string[]) => git.run(['-c', 'core.quotePath=false', ...args], top).then((out) => out.split('\0').filter(Boolean));
  // Ignored folders come as one line each (`build/`), not file by file: node_modules may hold a million.
  const ignored = await run(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  const ignoredSet = new Set(ignored);
  const found = new Set<string>();
  const inIgnoredFolder: string[] = [];
  for (const path of written) {
    // The file itself, or a folder where it goes; then each folder on its way (`a/`, `a/b/`…),
    // which may be an ignored file (the merge needs a folder there) or an ignored folder.
    if (ignoredSet.has(path)) found.add(path);
    if (ignoredSet.has(`${path}/`)) found.add(`${path}/`);
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      const folder = path.slice(0, slash);
      if (ignoredSet.has(folder)) found.add(folder);
      if (ignoredSet.has(`${folder}/`)) {
        inIgnoredFolder.push(path);
        break;
      }
    }
  }
  // Inside an ignored folder only files that are there count: asked of git path by path.
  for (let i = 0; i < inIgnoredFolder.length; i += 500) {
    const pathspecs = inIgnoredFolder.slice(i, i + 500).map((path) => `:(top,literal)${path}`);
    for (const path of await run(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...pathspecs])) found.add(path);
  }
  return [...found].sort();
}

export async function mergeContribution(ports: MergePorts, cwd: string, branch: string, options: MergeOptions): Promise<MergeResult> {
  const { git } = ports;
  const run = (args: string[]) => git.run(args, cwd);
  const { head, before } = await mergeReadiness(ports, cwd, branch, options);

  try {
    // The verified commit is merged, so the name can never be read as an option or change meaning in between.
    await git.run(['merge', '--no-ff', '--no-edit', '-m', options.message, '--', head], cwd, { GIT_MERGE_AUTOEDIT: 'no' });
  } catch (error) {
    const detail = error instanceof GitError ? error.stderr.trim() || error.message : String(error);
    if (!(await resolveCommit(git, cwd, 'MERGE_HEAD'))) {
      // Git stopped before starting the merge (an untracked file in the way, a hook): nothing to undo.
      throw new MergeError('merge-failed', detail);
    }
    const conflicted = await run(['-c', 'core.quotePath=false', 'diff', '--name-only', '-z', '--diff-filter=U']).catch(() => '');
    await run(['merge', '--abort']);
    const conflicts = conflicted.split('\0').filter(Boolean);
    if (!conflicts.length) throw new MergeError('merge-failed', detail);
    return { merged: false, conflicts };
  }
  return { merged: true, commit: (await run(['rev-parse', 'HEAD'])).trim() };
}
