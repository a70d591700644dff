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
  const inTheWay = await ignoredFilesInTheWay(git, cwd, before, head);
  if (inTheWay.length) {
    const named = inTheWay.slice(0, 5).join(', ') + (inTheWay.length > 5 ? ` and ${inTheWay.length - 5} more` : '');
    throw new MergeError('ignored-files-in-the-way', `${branch} brings files that git ignores here and that exist only on this machine, which the merge would overwrite: ${named}; move them elsewhere first`);
  }
  // Everything the merge brings, from the repository's top: a review shows entries, so whoever
  // confirms must also hear of the rest (a CI workflow, a script, commons.yml).
  const forkPoint = (await run(['merge-base', before, head]).catch(() => '')).trim();
  const changed = forkPoint ? (await run(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', forkPoint, head])).split('\0').filter(Boolean) : [];
  return { base, head, before, changed };
}

/**
 * Ignored untracked files (local settings, secrets, build output) at paths the branch adds or
 * changes since the merge base, or where it needs a folder. Git refuses to overwrite an untracked
 * file, but not an ignored one: it replaces it silently, and aborting a conflicting merge then
 * deletes it. Repository-relative paths, sorted.
 */
async function ignoredFilesInTheWay(git: GitRunner, cwd: string, before: string, head: string): Promise<string[]> {
  const top = (await git.run(['rev-parse', '--show-toplevel'], cwd)).trim();
  const run = (args: string[]) => git.run(['-c', 'core.quotePath=false', ...args], top).then((out) => out.split('\0').filter(Boolean));
  const mergeBase = (await git.run(['merge-base', before, head], cwd).catch(() => '')).trim();
  // Without a common history git refuses the merge on its own.
  if (!mergeBase) return [];
  const written = await run(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=d', mergeBase, head]);
  if (!written.length) return [];
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
