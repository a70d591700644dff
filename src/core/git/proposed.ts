// Which changed entries an open proposal holds already, exactly as they are in the work tree: the
// status bar does not count them as waiting, and proposing does not offer them ticked again. Only a
// proposal the remote has as it is counts: one whose push failed, or that never had a remote, is
// shared with nobody yet.
import type { GitRunner } from '../ports';
import type { ChangedEntry } from './contribution';

/** Proposal branches are named by a pattern such as `kb/<slug>`: the part before `<slug>`. */
function branchPrefix(pattern: string): string | undefined {
  const at = pattern.indexOf('<slug>');
  const prefix = at >= 0 ? pattern.slice(0, at) : '';
  return /^[A-Za-z0-9._/-]+$/.test(prefix) ? prefix : undefined;
}

/** Entry path -> the unmerged proposal branch holding it as it is now. Deletions always count as waiting: a branch without a file may simply predate it. */
export async function proposedAlready(git: GitRunner, cwd: string, changed: ChangedEntry[], branchPattern: string): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  const prefix = branchPrefix(branchPattern);
  if (!prefix || !changed.length) return held;
  const run = (args: string[]) => git.run(['-c', 'core.quotePath=false', ...args], cwd);
  const head = (await run(['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '')).trim();
  if (!head) return held;
  // Unmerged ones only, in one call: this runs after every save. `=` says the upstream exists and
  // is at the branch's commit (it is empty when there is none, or the remote deleted it).
  const listed = await run(['for-each-ref', '--format=%(refname:short)%00%(upstream:trackshort)', `--no-merged=${head}`, `refs/heads/${prefix}*`]);
  const branches = listed.split('\n').filter((line) => line.endsWith('\0=')).map((line) => line.slice(0, -2));
  if (!branches.length) return held;
  const present = changed.filter((entry) => entry.status !== 'deleted').map((entry) => entry.path);
  if (!present.length) return held;
  // What `git add` would store for each file now (hash-object applies the same filters).
  const hashes = (await run(['hash-object', '--', ...present])).split('\n').filter(Boolean);
  const current = new Map(present.map((path, i) => [path, hashes[i]]));
  for (const branch of branches) {
    const listed = new Map<string, string>();
    for (const line of (await run(['ls-tree', '-z', `refs/heads/${branch}`, '--', ...present])).split('\0')) {
      const tab = line.indexOf('\t');
      if (tab > 0) listed.set(line.slice(tab + 1), line.slice(0, tab).split(' ')[2]);
    }
    for (const path of present) if (!held.has(path) && listed.get(path) === current.get(path)) held.set(path, branch);
  }
  return held;
}
