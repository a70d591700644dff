// `--changed-since REF`: entries changed between the merge base of REF and HEAD and the work tree,
// plus untracked ones. REF is verified as a commit first and passed after --end-of-options, so text
// like `--upload-pack=x` can never be read by git as an option.
import type { GitRunner } from '../core/ports';

export class UsageError extends Error {}

/**
 * Refuses a folder outside any git work tree: `--changed-since` and `--staged` ask git about it,
 * which would otherwise answer with its own words about something else (`diff --cached` outside a
 * repository compares two files and knows no --cached).
 */
export async function requireWorkTree(git: GitRunner, dir: string, option: string): Promise<void> {
  const inside = await git.run(['rev-parse', '--is-inside-work-tree'], dir).then((out) => out.trim() === 'true', () => false);
  if (!inside) throw new UsageError(`${option} needs a git repository, and ${dir} is not in one`);
}

export async function changedSince(git: GitRunner, kbRoot: string, ref: string): Promise<Set<string>> {
  if (!ref || ref.startsWith('-') || /[\0\n]/.test(ref)) throw new UsageError(`"${ref}" is not a git revision`);
  await requireWorkTree(git, kbRoot, '--changed-since');
  let commit: string;
  try {
    commit = (await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], kbRoot)).trim();
  } catch {
    throw new UsageError(`--changed-since: "${ref}" is not a commit in this repository (fetch it first?)`);
  }
  let base: string;
  try {
    base = (await git.run(['merge-base', commit, 'HEAD'], kbRoot)).trim();
  } catch {
    throw new UsageError(`--changed-since: "${ref}" has no history in common with HEAD here (a shallow clone? fetch more history, e.g. git fetch --unshallow, or check out with fetch-depth: 0)`);
  }
  const changed = await git.run(['-c', 'core.quotePath=false', 'diff', '--name-only', '--relative', '--no-renames', '-z', base, '--'], kbRoot);
  const untracked = await git.run(['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z', '--', '.'], kbRoot);
  const paths = new Set([...changed.split('\0'), ...untracked.split('\0')].filter(Boolean));
  // The .gitignore files above the knowledge base decide what is an entry as its own does
  // (discovery.ts): a change to one counts as a change to its own.
  if (await gitignoreAboveChanged(git, kbRoot, base)) paths.add('.gitignore');
  return paths;
}

async function gitignoreAboveChanged(git: GitRunner, kbRoot: string, base: string): Promise<boolean> {
  // Where the knowledge base lies below the top of the work tree ("docs/kb/"; empty at the top).
  const prefix = (await git.run(['rev-parse', '--show-prefix'], kbRoot)).replace(/\n$/, '');
  if (!prefix) return false;
  // Without --relative, paths from the top of the work tree.
  const changed = await git.run(['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', base, '--', ':(top,glob)**/.gitignore'], kbRoot);
  return changed.split('\0').some((file) => {
    const folder = file.slice(0, file.lastIndexOf('/') + 1);
    return file.endsWith('.gitignore') && folder !== prefix && prefix.startsWith(folder);
  });
}
