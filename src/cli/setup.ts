// `commons init --ci` and `commons hook install`: the same rules in the repository's CI and before
// each commit. Both write new files only; an existing workflow or hook is never replaced.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeGitRunner } from '../node/nodeGitRunner';
import { UsageError } from './changedFiles';
import type { Io } from './commands';

const git = new NodeGitRunner();

/** A GitHub Actions workflow that checks the entries a pull request changes, as annotations. */
export function ciWorkflow(kbFolder: string): string {
  const dir = kbFolder && kbFolder !== '.' ? ` ${kbFolder}` : '';
  return `# Checks the knowledge-base entries a pull request changes, with the same rules as the editor.
name: Commons
on:
  pull_request:
    paths: ['**/*.md', '**/*.markdown', '**/commons.yml']
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0 }
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      - run: npx commons check${dir} --changed-since origin/\${{ github.base_ref }} --format github
`;
}

const HOOK = `#!/bin/sh
# Commons: check the staged knowledge-base entries before each commit (git commit --no-verify skips it).
exec npx --no-install commons check "$COMMONS_KB" --staged
`;

async function repositoryTop(dir: string): Promise<string> {
  try {
    return (await git.run(['rev-parse', '--show-toplevel'], dir)).trim();
  } catch {
    throw new UsageError(`${dir} is not in a git repository`);
  }
}

export async function initCi(dir: string | undefined, io: Io): Promise<number> {
  const kbRoot = path.resolve(dir ?? '.');
  const top = await repositoryTop(kbRoot);
  const file = path.join(top, '.github', 'workflows', 'commons.yml');
  if (fs.existsSync(file)) {
    io.err(`${path.relative(process.cwd(), file)} already exists: left as it is`);
    return 1;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, ciWorkflow(path.relative(top, kbRoot).split(path.sep).join('/')), { flag: 'wx' });
  io.out(`wrote ${path.relative(process.cwd(), file)}: pull requests get Commons findings as annotations`);
  return 0;
}

export async function installHook(dir: string | undefined, io: Io): Promise<number> {
  const kbRoot = path.resolve(dir ?? '.');
  await repositoryTop(kbRoot);
  const hooksDir = path.resolve(kbRoot, (await git.run(['rev-parse', '--git-path', 'hooks'], kbRoot)).trim());
  const file = path.join(hooksDir, 'pre-commit');
  if (fs.existsSync(file)) {
    io.err(`${file} already exists: add "npx --no-install commons check --staged" to it yourself`);
    return 1;
  }
  fs.mkdirSync(hooksDir, { recursive: true });
  fs.writeFileSync(file, HOOK.replace('"$COMMONS_KB"', JSON.stringify(kbRoot)), { flag: 'wx', mode: 0o755 });
  io.out(`installed ${file}: staged entries are checked before each commit`);
  return 0;
}

/** The staged bytes of a file (KB-relative path), as the next commit will hold them. */
export async function stagedBytes(kbRoot: string, path: string): Promise<Buffer> {
  // `:./path` names the index entry relative to the working folder, whatever the path looks like.
  return git.runBytes(['cat-file', 'blob', `:./${path}`], kbRoot);
}

/** Entries staged for the next commit, relative to the KB root. */
export async function stagedFiles(kbRoot: string): Promise<Set<string>> {
  const out = await git.run(['-c', 'core.quotePath=false', 'diff', '--cached', '--name-only', '--relative', '--diff-filter=ACMR', '-z'], kbRoot);
  return new Set(out.split('\0').filter(Boolean));
}
