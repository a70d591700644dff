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

export async function defaultBranch(git: GitRunner, cwd: string): Promise<DefaultBranch> {
  const exists = (ref: string) => git.run(['show-ref', '--verify', '--quiet', ref], cwd).then(() => true, () => false);
  const originHead = (await git.run(['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'], cwd).catch(() => '')).trim();
  if (originHead.startsWith('refs/remotes/origin/')) {
    const name = originHead.slice('refs/remotes/origin/'.length);
    const local = `refs/heads/${name}`;
    const hasLocal = await exists(local);
    return { name, ref: hasLocal ? local : originHead, refs: hasLocal ? [local, originHead] : [originHead] };
  }
  for (const name of ['main', 'master']) {
    const local = `refs/heads/${name}`;
    if (await exists(local)) return withRemoteTwin(name, local, await exists(`refs/remotes/origin/${name}`));
  }
  const current = (await git.run(['symbolic-ref', '-q', 'HEAD'], cwd).catch(() => '')).trim();
  if (current.startsWith('refs/heads/')) {
    const name = current.slice('refs/heads/'.length);
    return withRemoteTwin(name, current, await exists(`refs/remotes/origin/${name}`));
  }
  throw new GitError('no default branch: HEAD is detached and there is no main or master branch', 1, '');
}

function withRemoteTwin(name: string, local: string, hasRemote: boolean): DefaultBranch {
  return { name, ref: local, refs: hasRemote ? [local, `refs/remotes/origin/${name}`] : [local] };
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
  const head = (await git.run(['symbolic-ref', '-q', `${prefix}HEAD`], cwd).catch(() => '')).trim();
  if (head.startsWith(prefix) && (await exists(head))) return { name: head.slice(prefix.length), ref: head };
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
