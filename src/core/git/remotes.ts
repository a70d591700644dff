// Which remote a proposal is pushed to. People with several remotes (a fork and the community's
// repository, say) have told git where their pushes go; that answer is followed, so a proposal
// never lands on whichever remote happens to sort first.
import type { GitRunner } from '../ports';
import { defaultBranch, remoteNames } from './reviewRefs';

export type RemoteChoice =
  /** The remote to push to; undefined when the repository has no remote at all. */
  | { remote: string | undefined }
  /** Several remotes and nothing that decides between them. */
  | { undecided: string[] }
  /** The configured remote is not a remote of this repository. */
  | { unknown: string; remotes: string[] };

/**
 * The push remote, in this order: the one the user configured for Commons; git's own settings for
 * pushes from the current branch (branch.<name>.pushRemote, then remote.pushDefault); the remote
 * the current branch, then the default branch, tracks; `origin`; the only remote. Settings that
 * name no remote of this repository (`.` for a local upstream, a removed remote) are passed over.
 */
export async function choosePushRemote(git: GitRunner, cwd: string, configured?: string): Promise<RemoteChoice> {
  const remotes = await remoteNames(git, cwd);
  if (configured) return remotes.includes(configured) ? { remote: configured } : { unknown: configured, remotes };
  if (remotes.length <= 1) return { remote: remotes[0] };
  const setting = async (key: string) => (await git.run(['config', '--get', key], cwd).catch(() => '')).trim();
  const current = (await git.run(['symbolic-ref', '-q', '--short', 'HEAD'], cwd).catch(() => '')).trim();
  const main = await defaultBranch(git, cwd).then((found) => found.name, () => '');
  const keys = [
    current && `branch.${current}.pushRemote`,
    'remote.pushDefault',
    current && `branch.${current}.remote`,
    main && main !== current && `branch.${main}.remote`,
  ];
  for (const key of keys) {
    const named = key ? await setting(key) : '';
    if (remotes.includes(named)) return { remote: named };
  }
  if (remotes.includes('origin')) return { remote: 'origin' };
  return { undecided: remotes };
}
