// The refs a review starts from: the default branch contributions are compared with and merged
// into, and commits named by people, which are verified before git sees them as revisions.
import { GitError, type GitRunner } from '../ports';

export interface DefaultBranch {
  /** The local branch name stewards merge into, e.g. `main`. */
  name: string;
  /** The ref contributions are compared with: the local branch when it exists, else the remote-tracking one. */
  ref: string;
  /** Every ref that counts as the default branch (local and remote-tracking); all are excluded from listings. */
  refs: string[];
}

/** The knowledge base's folder relative to the repository's top, with a trailing slash (or `''`). */
export async function kbPrefix(git: GitRunner, cwd: string): Promise<string> {
  return (await git.run(['rev-parse', '--show-prefix'], cwd)).trim();
}

/**
 * The default branch: the one a remote's HEAD names (origin's first, then the other remotes', as
 * clone or `git remote set-head` left them), else main or master, else the current branch. Its refs
 * are the local branch and, on every remote, that remote's own default (its HEAD) or else the
 * branch of the same name: none of them is anyone's contribution.
 */
export async function defaultBranch(git: GitRunner, cwd: string): Promise<DefaultBranch> {
  const exists = (ref: string) => git.run(['show-ref', '--verify', '--quiet', ref], cwd).then(() => true, () => false);
  const remotes = await remoteNames(git, cwd);
  const heads: Array<RemoteBranch & { remote: string }> = [];
  for (const remote of remotes) {
    const head = await remoteHead(git, cwd, remote);
    if (head) heads.push({ remote, ...head });
  }
  let name = heads[0]?.name;
  for (const candidate of ['main', 'master']) if (!name && (await exists(`refs/heads/${candidate}`))) name = candidate;
  if (!name) {
    const current = (await git.run(['symbolic-ref', '-q', 'HEAD'], cwd).catch(() => '')).trim();
    if (!current.startsWith('refs/heads/')) throw new GitError('no default branch: HEAD is detached and there is no main or master branch', 1, '');
    name = current.slice('refs/heads/'.length);
  }
  const local = `refs/heads/${name}`;
  const refs = (await exists(local)) ? [local] : [];
  for (const remote of remotes) {
    const own = heads.find((head) => head.remote === remote);
    const twin = `refs/remotes/${remote}/${name}`;
    if (own && !refs.includes(own.ref)) refs.push(own.ref);
    if (!refs.includes(twin) && (await exists(twin))) refs.push(twin);
  }
  if (!refs.length) throw new GitError(`no default branch: ${name} is not a branch here`, 1, '');
  return { name, ref: refs[0], refs };
}

/** The repository's remotes, origin first: the remote clone made, whose HEAD is the likeliest to be set. */
export async function remoteNames(git: GitRunner, cwd: string): Promise<string[]> {
  const remotes = (await git.run(['remote'], cwd).catch(() => '')).split('\n').map((r) => r.trim()).filter(Boolean);
  return remotes.includes('origin') ? ['origin', ...remotes.filter((r) => r !== 'origin')] : remotes;
}

/**
 * The remote a remote-tracking ref belongs to, and the branch's name there. Remote names may hold
 * slashes (`team/kb`), so the longest remote whose prefix the ref has is the one.
 */
export function splitRemoteRef(ref: string, remotes: string[]): { remote: string; branch: string } | undefined {
  let best: string | undefined;
  for (const remote of remotes) if (ref.startsWith(`refs/remotes/${remote}/`) && (!best || remote.length > best.length)) best = remote;
  return best === undefined ? undefined : { remote: best, branch: ref.slice(`refs/remotes/${best}/`.length) };
}

/**
 * The commit contributions are compared with: the newest of the default branch's refs. After a
 * fetch the remote's copy is often ahead of the local branch, and a contribution started from it
 * would otherwise be charged with the default branch's own new commits. Refs that have diverged
 * from the local branch leave it as it is: it is the one merges go into.
 */
export async function defaultBranchCommit(git: GitRunner, cwd: string, base: DefaultBranch): Promise<string> {
  const commitOf = (ref: string) => git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).then((out) => out.trim(), () => '');
  let newest = await commitOf(base.ref);
  if (!newest) throw new GitError(`${base.ref} is not a commit`, 1, '');
  for (const ref of base.refs) {
    const commit = ref === base.ref ? '' : await commitOf(ref);
    if (commit && commit !== newest && (await git.run(['merge-base', '--is-ancestor', newest, commit], cwd).then(() => true, () => false))) newest = commit;
  }
  return newest;
}

/** The branch a remote's HEAD names (as clone or `git remote set-head` left it), when that branch is here. */
async function remoteHead(git: GitRunner, cwd: string, remote: string): Promise<RemoteBranch | undefined> {
  const prefix = `refs/remotes/${remote}/`;
  const head = (await git.run(['symbolic-ref', '-q', `${prefix}HEAD`], cwd).catch(() => '')).trim();
  if (!head.startsWith(prefix)) return undefined;
  const present = await git.run(['show-ref', '--verify', '--quiet', head], cwd).then(() => true, () => false);
  return present ? { name: head.slice(prefix.length), ref: head } : undefined;
}

/** A remote's default branch: its name there (`main`) and the remote-tracking ref that holds it here. */
export interface RemoteBranch {
  name: string;
  ref: string;
}

/**
 * The remote's default branch as this repository last fetched it: the branch its HEAD names (set
 * by clone or `git remote set-head`), else main, master or git's init.defaultBranch when the remote
 * has it. Undefined when it has none of them (an empty remote, or one never fetched).
 */
export async function remoteDefaultBranch(git: GitRunner, cwd: string, remote: string): Promise<RemoteBranch | undefined> {
  const prefix = `refs/remotes/${remote}/`;
  const exists = (ref: string) => git.run(['show-ref', '--verify', '--quiet', ref], cwd).then(() => true, () => false);
  const head = await remoteHead(git, cwd, remote);
  if (head) return head;
  const configured = (await git.run(['config', '--get', 'init.defaultBranch'], cwd).catch(() => '')).trim();
  for (const name of ['main', 'master', configured]) {
    if (name && (await exists(prefix + name))) return { name, ref: prefix + name };
  }
  return undefined;
}

/** Verifies a branch name or ref given by a person and returns its commit; never read as an option. */
export async function resolveCommit(git: GitRunner, cwd: string, branch: string): Promise<string | undefined> {
  const out = await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${branch}^{commit}`], cwd).catch(() => '');
  return out.trim() || undefined;
}
