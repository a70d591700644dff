// Proposing a contribution: the chosen knowledge-base files become one commit on a new branch,
// built with a temporary index so the user's index, work tree and current branch stay exactly as
// they were; then the branch is pushed with upstream set. The commit sits on the remote's default
// branch, not on HEAD, so commits of the current branch that were never pushed (work in progress,
// code, secrets) never go with it: only the chosen files leave the machine. Proposing the same
// entries again updates their open proposal: a commit on top of its branch.
import { GitError, gitFailureDetail, type FileSystem, type GitRunner } from '../ports';
import { fileSlug } from '../newEntry';
import { choosePushRemote } from './remotes';
import { defaultBranch, remoteDefaultBranch } from './reviewRefs';

export class ContributionError extends Error {
  constructor(readonly code: 'not-a-repository' | 'detached-head' | 'operation-in-progress' | 'no-identity' | 'bad-branch' | 'nothing-to-propose' | 'unshared-commits' | 'which-remote' | 'no-commits', message: string) {
    super(message);
    this.name = 'ContributionError';
  }
}

export interface ProposalRequest {
  /** Any folder inside the work tree (the knowledge base root). */
  cwd: string;
  /** Paths relative to `cwd` of the files to propose (new, changed or deleted). */
  files: string[];
  branch: string;
  message: string;
  /** Remote to push to (the commons.contribution.remote setting); undefined lets git's own settings decide, see choosePushRemote. */
  remote?: string;
  /** Temporary folder for the scratch index. */
  tempDir: string;
}

export interface ContributionPorts {
  git: GitRunner;
  fs: FileSystem;
}

export interface ProposalResult {
  branch: string;
  commit: string;
  pushed: boolean;
  remote?: string;
  /** Why the push did not happen or failed, in git's words; the commit is kept either way. */
  pushError?: string;
  compareUrl?: string;
  /** True when an open proposal of these entries got the change as a commit on top of its branch. */
  updated?: boolean;
}

/**
 * Branch names from the pattern, validated like git does, never option-like or `@{`-bearing. The
 * slug keeps letters and digits of any script, as git does in ref names: a Japanese or Russian
 * title would otherwise leave nothing but `entry`.
 */
export function branchName(pattern: string, title: string): string {
  const name = pattern.replace('<slug>', fileSlug(title)).replace('${slug}', fileSlug(title));
  if (!isSafeBranch(name)) throw new ContributionError('bad-branch', `"${name}" is not a usable branch name (check the branch pattern setting)`);
  return name;
}

export function isSafeBranch(name: string): boolean {
  return /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}._/-]*$/u.test(name) && !name.includes('..') && !name.includes('//') && !name.endsWith('/') && !name.endsWith('.lock') && !name.endsWith('.') && !name.includes('@{');
}

export async function propose({ git, fs }: ContributionPorts, request: ProposalRequest): Promise<ProposalResult> {
  if (!request.files.length) throw new ContributionError('nothing-to-propose', 'no entries were chosen');
  const run = (args: string[], env?: Record<string, string>) => git.run(args, request.cwd, env);
  try {
    await run(['rev-parse', '--show-toplevel']);
  } catch {
    throw new ContributionError('not-a-repository', 'this knowledge base is not in a git repository: run "git init" and commit first');
  }
  if (!(await run(['symbolic-ref', '-q', 'HEAD']).catch(() => ''))) {
    throw new ContributionError('detached-head', 'HEAD is detached: switch to a branch (git switch main) before proposing');
  }
  for (const [marker, what] of [['MERGE_HEAD', 'a merge'], ['rebase-merge', 'a rebase'], ['rebase-apply', 'a rebase'], ['CHERRY_PICK_HEAD', 'a cherry-pick']]) {
    const markerPath = (await run(['rev-parse', '--path-format=absolute', '--git-path', marker])).trim();
    if (await fs.stat(markerPath)) throw new ContributionError('operation-in-progress', `${what} is in progress: finish or abort it before proposing`);
  }
  const name = (await run(['config', 'user.name']).catch(() => '')).trim();
  const email = (await run(['config', 'user.email']).catch(() => '')).trim();
  if (!name || !email) {
    throw new ContributionError('no-identity', 'git does not know who you are: run git config --global user.name "Your Name" and git config --global user.email "you@example.com"');
  }
  if (!isSafeBranch(request.branch)) throw new ContributionError('bad-branch', `"${request.branch}" is not a usable branch name`);

  /** The tree of `base` with the chosen files as they are in the work tree, built in a scratch index. */
  const treeWithFiles = async (base: string): Promise<string> => {
    const index = fs.join(request.tempDir, `commons-index-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await run(['read-tree', base], env);
      await run(['add', '--all', '--', ...request.files.map((file) => `:(literal)${file}`)], env);
      return (await run(['write-tree'], env)).trim();
    } finally {
      await fs.deleteFile(index).catch(() => undefined);
    }
  };
  const remote = await pushRemote(git, request.cwd, request.remote);
  const start = await proposalBase(git, request.cwd, remote);
  const tree = await treeWithFiles(start.commit);
  if (tree === (await run(['rev-parse', `${start.commit}^{tree}`])).trim()) throw new ContributionError('nothing-to-propose', 'the chosen entries have no changes to propose');
  const plan = await branchFor(git, request.cwd, { wanted: request.branch, start: start.commit, tree, files: request.files, remote }, treeWithFiles);
  const { branch } = plan;
  let commit = plan.existing;
  if (!commit) {
    commit = (await run(['commit-tree', plan.tree, '-p', plan.parent, '-m', request.message])).trim();
    // The old value makes git refuse if the branch appeared or moved meanwhile: nothing is overwritten.
    await run(['update-ref', `refs/heads/${branch}`, commit, plan.oldTip ?? '']);
  }

  if (!remote) return { branch, commit, pushed: false, pushError: `no git remote: the commit is on branch ${branch}; add one with git remote add origin <url>, then push it` };
  const remoteUrl = (await run(['remote', 'get-url', '--', remote]).catch(() => '')).trim();
  try {
    await run(['push', '--porcelain', '--set-upstream', '--', remote, `refs/heads/${branch}:refs/heads/${branch}`]);
  } catch (error) {
    return { branch, commit, pushed: false, remote, pushError: pushFailure(error) };
  }
  return { branch, commit, pushed: true, remote, compareUrl: compareUrl(remoteUrl, start.name, branch), updated: plan.parent !== start.commit || undefined };
}

/**
 * Why a push failed, in git's words, the reason for each rejected ref first (`kb/x was rejected:
 * fetch first`): with --porcelain git gives it on standard output, and its error output alone says
 * only "failed to push some refs". What the remote said (a hook's message) follows.
 */
function pushFailure(error: unknown): string {
  const rejected: string[] = [];
  const stdout = error instanceof GitError ? error.stdout : '';
  for (const line of stdout.split('\n')) {
    // `!<tab>from:to<tab>summary (reason)`
    const [flag, refs, summary] = line.split('\t');
    if (flag !== '!' || !refs || !summary) continue;
    const to = refs.slice(refs.indexOf(':') + 1).replace(/^refs\/heads\//, '');
    rejected.push(`${to} was rejected: ${summary.replace(/^\[(remote )?rejected\]\s*/, '').replace(/^\((.*)\)$/, '$1') || summary}`);
  }
  return [...rejected, gitFailureDetail(error)].join('\n');
}

/**
 * The commit a new proposal starts from, and the branch its pull request targets: the remote's
 * default branch as last fetched (even on a branch without commits of its own). Without one (no
 * remote, an empty remote, one never fetched), HEAD, but only when the remote already has every commit of it: otherwise the push would carry
 * commits nobody chose to share, and proposing is refused with what to do instead.
 */
async function proposalBase(git: GitRunner, cwd: string, remote: string | undefined): Promise<{ commit: string; name: string }> {
  const run = (args: string[]) => git.run(args, cwd).then((out) => out.trim());
  const found = remote ? await remoteDefaultBranch(git, cwd, remote) : undefined;
  if (found) return { commit: await run(['rev-parse', '--verify', `${found.ref}^{commit}`]), name: found.name };
  const name = await currentBranch(git, cwd);
  // A branch without commits yet (just after git init) has nothing to start from either.
  const head = await run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '');
  if (!head) throw new ContributionError('no-commits', `${name} has no commits yet: make a first commit before proposing`);
  if (!remote) return { commit: head, name };
  // What the remote is known to have: its remote-tracking refs, as git printed them.
  const known = (await run(['for-each-ref', '--format=%(objectname)', `refs/remotes/${remote}/`])).split('\n').filter(Boolean);
  const unshared = await run(['rev-list', '--max-count=1', head, ...(known.length ? ['--not', ...known] : [])]);
  if (unshared) {
    throw new ContributionError(
      'unshared-commits',
      `${remote} has no default branch that Commons knows of, and ${name} has commits ${remote} does not have, which a proposal would carry along: push the default branch first (git push ${remote} ${name}), or fetch if ${remote} has one (git fetch ${remote})`,
    );
  }
  return { commit: head, name };
}

/** Where the proposal's commit goes: a branch, the commit's parent and tree, and the branch's tip it moves from; or a commit already there to push again. */
interface BranchPlan {
  branch: string;
  parent: string;
  tree: string;
  oldTip?: string;
  existing?: string;
}

/**
 * The branch for the proposal: the wanted name, or the first of `name-2`, `name-3`… that is free
 * or holds these entries' proposal already. `start` is where a new proposal starts (see
 * proposalBase). A branch that is checked out (here or in another worktree) is never touched. Otherwise:
 * - a branch holding exactly this change (its push was rejected, say) is pushed again as it is;
 * - a branch whose changes are all in `start` (merged, or squash-merged and deleted on the remote)
 *   is moved on to the new commit, when that is a fast-forward for the remote or the remote has none;
 * - an open proposal that changes only some of these entries gets the change as a commit on top,
 *   when the remote's copy of it (if any) has nothing the local branch lacks;
 * - any other branch of that name is someone else's work, left alone.
 */
async function branchFor(
  git: GitRunner,
  cwd: string,
  { wanted, start, tree, files, remote }: { wanted: string; start: string; tree: string; files: string[]; remote: string | undefined },
  treeWithFiles: (base: string) => Promise<string>,
): Promise<BranchPlan> {
  const run = (args: string[]) => git.run(args, cwd).then((out) => out.trim());
  const isAncestor = (older: string, newer: string) => run(['merge-base', '--is-ancestor', older, newer]).then(() => true, () => false);
  // Branches are compared over the whole repository: a branch that also changes files outside the
  // knowledge base is someone's other work, never a proposal of these entries.
  const prefix = await run(['rev-parse', '--show-prefix']).catch(() => '');
  const chosen = new Set(files.map((file) => prefix + file));
  const defaults = await defaultBranch(git, cwd).then((found) => found.refs, () => [] as string[]);
  const mergedIntoDefault = async (tip: string) => {
    for (const ref of defaults) if (await isAncestor(tip, ref)) return true;
    return false;
  };
  const checkedOut = new Set(
    (await run(['worktree', 'list', '--porcelain']).catch(() => '')).split('\n').filter((line) => line.startsWith('branch refs/heads/')).map((line) => line.slice('branch refs/heads/'.length)),
  );
  checkedOut.add(await currentBranch(git, cwd));
  for (let n = 1; ; n++) {
    const branch = n === 1 ? wanted : `${wanted}-${n}`;
    const tip = await run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]).catch(() => '');
    // The remote's copy of the branch, when it has one: a push must fast-forward it.
    const pushed = remote ? await run(['rev-parse', '--verify', '--quiet', `refs/remotes/${remote}/${branch}^{commit}`]).catch(() => '') : '';
    // A name the remote has is someone else's unless it is this user's own proposal, a local branch
    // pushed there: any other push to it would be rejected, time after time.
    if (pushed && !(tip && (await tracks(git, cwd, branch, remote!)))) continue;
    if (!tip) return { branch, parent: start, tree };
    if (checkedOut.has(branch)) continue;
    const [parents, tipTree] = await Promise.all([run(['rev-list', '--parents', '-n', '1', tip]).then((out) => out.split(' ').slice(1)), run(['rev-parse', `${tip}^{tree}`])]);
    if (tipTree === tree && parents.length === 1 && parents[0] === start) return { branch, parent: start, tree, existing: tip };
    const base = await run(['merge-base', tip, start]).catch(() => '');
    const changed = base ? (await git.run(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', base, tip], cwd)).split('\0').filter(Boolean) : [];
    if (!changed.length && base) {
      // Everything the branch changed is in `start` already: merged into the default branch, it
      // starts again from there. (A branch `start` was only built on is someone's work: left alone.)
      if ((await mergedIntoDefault(tip)) && (!pushed || (await isAncestor(pushed, start)))) return { branch, parent: start, tree, oldTip: tip };
      continue;
    }
    if (base && (await changesAreIn(git, cwd, base, tip, start, changed))) {
      // Squash-merged: the same changes, other commits. Only a branch the remote no longer has starts again.
      if (!pushed) return { branch, parent: start, tree, oldTip: tip };
      continue;
    }
    if (changed.every((file) => chosen.has(file)) && (!pushed || (await isAncestor(pushed, tip)))) {
      const stacked = await treeWithFiles(tip);
      return stacked === tipTree ? { branch, parent: tip, tree: tipTree, existing: tip } : { branch, parent: tip, tree: stacked, oldTip: tip };
    }
  }
}

/** Whether the local branch's upstream is the branch of the same name on `remote` (as `push --set-upstream` left it). */
async function tracks(git: GitRunner, cwd: string, branch: string, remote: string): Promise<boolean> {
  const setting = (key: string) => git.run(['config', '--get', `branch.${branch}.${key}`], cwd).then((out) => out.trim(), () => '');
  return (await setting('remote')) === remote && (await setting('merge')) === `refs/heads/${branch}`;
}

/** Whether `start` holds the branch's changes already, file for file (a squash merge leaves no other trace); `changed` are paths from the repository's top. */
async function changesAreIn(git: GitRunner, cwd: string, base: string, tip: string, start: string, changed: string[]): Promise<boolean> {
  const differ = await git.run(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', tip, start, '--', ...changed.map((file) => `:(top,literal)${file}`)], cwd);
  return !differ.split('\0').filter(Boolean).length && base !== tip;
}

/** The remote to push to, or a refusal that names the remotes and how to choose one. */
async function pushRemote(git: GitRunner, cwd: string, configured: string | undefined): Promise<string | undefined> {
  const choice = await choosePushRemote(git, cwd, configured);
  if ('remote' in choice) return choice.remote;
  if ('unknown' in choice) {
    throw new ContributionError('which-remote', `the setting commons.contribution.remote names "${choice.unknown}", which is not a remote of this repository (its remotes: ${choice.remotes.join(', ') || 'none'})`);
  }
  throw new ContributionError(
    'which-remote',
    `this repository has several remotes (${choice.undecided.join(', ')}) and nothing says which one proposals go to: set commons.contribution.remote to one of them, or tell git (git config remote.pushDefault ${choice.undecided[0]})`,
  );
}

async function currentBranch(git: GitRunner, cwd: string): Promise<string> {
  return (await git.run(['symbolic-ref', '--short', 'HEAD'], cwd)).trim();
}

/** The web page where a pull (merge) request from `branch` into `base` is opened, for known hosts. */
export function compareUrl(remoteUrl: string, base: string, branch: string): string | undefined {
  const parsed = parseRemote(remoteUrl);
  if (!parsed) return undefined;
  const { host, path } = parsed;
  const enc = encodeURIComponent;
  if (host === 'github.com') return `https://github.com/${path}/compare/${enc(base)}...${enc(branch)}?expand=1`;
  if (host.includes('gitlab')) return `https://${host}/${path}/-/merge_requests/new?merge_request%5Bsource_branch%5D=${enc(branch)}&merge_request%5Btarget_branch%5D=${enc(base)}`;
  if (host === 'bitbucket.org') return `https://bitbucket.org/${path}/pull-requests/new?source=${enc(branch)}&dest=${enc(base)}`;
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com')) {
    // Azure paths are org/project/_git/repo (SSH: v3/org/project/repo).
    const parts = path.replace(/^v3\//, '').split('/');
    const [org, project, repo] = parts.includes('_git') ? [parts[0], parts[1], parts[parts.indexOf('_git') + 1]] : parts;
    return `https://dev.azure.com/${org}/${project}/_git/${repo}/pullrequestcreate?sourceRef=${enc(branch)}&targetRef=${enc(base)}`;
  }
  return undefined;
}

/** A link to lines of a file at a commit on the remote's web site, for known hosts. */
export function permalink(remoteUrl: string, commit: string, file: string, startLine: number, endLine: number): string | undefined {
  const parsed = parseRemote(remoteUrl);
  if (!parsed) return undefined;
  const { host, path } = parsed;
  const filePath = file.split('/').map(encodeURIComponent).join('/');
  if (host === 'github.com') return `https://github.com/${path}/blob/${commit}/${filePath}#L${startLine}-L${endLine}`;
  if (host.includes('gitlab')) return `https://${host}/${path}/-/blob/${commit}/${filePath}#L${startLine}-${endLine}`;
  if (host === 'bitbucket.org') return `https://bitbucket.org/${path}/src/${commit}/${filePath}#lines-${startLine}:${endLine}`;
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com')) {
    const parts = path.replace(/^v3\//, '').split('/');
    const [org, project, repo] = parts.includes('_git') ? [parts[0], parts[1], parts[parts.indexOf('_git') + 1]] : parts;
    return `https://dev.azure.com/${org}/${project}/_git/${repo}?path=/${filePath}&version=GC${commit}&line=${startLine}&lineEnd=${endLine + 1}&lineStartColumn=1&lineEndColumn=1`;
  }
  return undefined;
}

function parseRemote(url: string): { host: string; path: string } | undefined {
  const https = /^https?:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(url);
  if (https) return { host: https[1].toLowerCase(), path: https[2] };
  const ssh = /^(?:ssh:\/\/)?(?:[^@]+@)?([^:/]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/.exec(url);
  if (ssh) return { host: ssh[1].toLowerCase().replace(/^ssh\./, ''), path: ssh[2] };
  return undefined;
}

export interface ChangedEntry {
  /** Path relative to the knowledge-base root. */
  path: string;
  status: 'new' | 'changed' | 'deleted';
}

/** Entries that differ from HEAD (staged or not) or are untracked, inside `cwd`. */
export async function changedEntries(git: GitRunner, cwd: string, isEntry: (path: string) => boolean): Promise<ChangedEntry[]> {
  const quiet = ['-c', 'core.quotePath=false'];
  const hasHead = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD'], cwd).then(() => true, () => false);
  const changed = hasHead ? await git.run([...quiet, 'diff', '--name-status', '--no-renames', '--relative', '-z', 'HEAD', '--', '.'], cwd) : '';
  const untracked = await git.run([...quiet, 'ls-files', '--others', '--exclude-standard', '-z', '--', '.'], cwd);
  const result = new Map<string, ChangedEntry['status']>();
  const fields = changed.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [status, path] = [fields[i], fields[i + 1]];
    if (isEntry(path)) result.set(path, status === 'D' ? 'deleted' : status === 'A' ? 'new' : 'changed');
  }
  for (const path of untracked.split('\0').filter(Boolean)) if (isEntry(path)) result.set(path, 'new');
  return [...result].map(([path, status]) => ({ path, status })).sort((a, b) => a.path.localeCompare(b.path));
}
