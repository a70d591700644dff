// `commons init --ci` and `commons hook install`: the same rules in the repository's CI and before
// each commit. Both write new files only; an existing workflow or hook is never replaced.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeGitRunner } from '../node/nodeGitRunner';
import { UsageError } from './changedFiles';
import type { Io } from './commands';

const git = new NodeGitRunner();

/** A word for sh: as it is when it is plain, else in single quotes, which leave everything literal. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A GitHub Actions workflow that checks the entries a pull request changes, as annotations. It
 * runs the Commons the repository installs (`--no-install`: the npm registry's package named
 * "commons" is another project, which npx would otherwise fetch and run). The base branch reaches
 * the shell through the environment, never spliced into the command, and the command is a YAML
 * block, so a folder name with `#` or quotes stays one argument.
 */
export function ciWorkflow(kbFolder: string): string {
  const dir = kbFolder && kbFolder !== '.' ? ` ${shellWord(kbFolder)}` : '';
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
      - env:
          BASE_REF: \${{ github.base_ref }}
        run: |
          npx --no-install commons check${dir} --changed-since "origin/$BASE_REF" --format github
`;
}

/** The command line this process runs as: the bundle (dist/cli.js), or out/src/cli.js beside this module when compiled for tests. */
const CLI_SCRIPT = path.basename(__filename) === 'cli.js' ? __filename : path.join(__dirname, '..', 'cli.js');

/**
 * The pre-commit hook. Git runs it at the top of the work tree, so the knowledge base is named
 * relative to that (the repository can move) and quoted for sh. It runs the Commons the
 * repository installs, else one on the PATH, else the one that installed the hook; with none of
 * them it says so and lets the commit through rather than block every commit.
 */
export function preCommitHook(kbFolder: string, cliScript: string): string {
  const kb = shellWord(kbFolder || '.');
  const cli = shellWord(cliScript);
  return `#!/bin/sh
# Commons: check the staged knowledge-base entries before each commit (git commit --no-verify skips it).
kb=${kb}
if [ -x node_modules/.bin/commons ]; then exec node_modules/.bin/commons check "$kb" --staged; fi
if [ -x "$kb/node_modules/.bin/commons" ]; then exec "$kb/node_modules/.bin/commons" check "$kb" --staged; fi
if command -v commons >/dev/null 2>&1; then exec commons check "$kb" --staged; fi
if [ -f ${cli} ]; then exec node ${cli} check "$kb" --staged; fi
echo "commons: Commons is not installed here, so the staged entries were not checked" >&2
exit 0
`;
}

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
  fs.writeFileSync(file, ciWorkflow(path.relative(fs.realpathSync(top), fs.realpathSync(kbRoot)).split(path.sep).join('/')), { flag: 'wx' });
  io.out(`wrote ${path.relative(process.cwd(), file)}: pull requests get Commons findings as annotations`);
  return 0;
}

export async function installHook(dir: string | undefined, io: Io): Promise<number> {
  const kbRoot = path.resolve(dir ?? '.');
  const top = await repositoryTop(kbRoot);
  const hooksDir = path.resolve(kbRoot, (await git.run(['rev-parse', '--git-path', 'hooks'], kbRoot)).trim());
  const file = path.join(hooksDir, 'pre-commit');
  if (fs.existsSync(file)) {
    io.err(`${file} already exists: add "commons check --staged" to it yourself`);
    return 1;
  }
  fs.mkdirSync(hooksDir, { recursive: true });
  // The real paths: git reports the top of the work tree with symbolic links resolved.
  const kbFolder = path.relative(fs.realpathSync(top), fs.realpathSync(kbRoot)).split(path.sep).join('/');
  fs.writeFileSync(file, preCommitHook(kbFolder, CLI_SCRIPT), { flag: 'wx', mode: 0o755 });
  io.out(`installed ${file}: staged entries are checked before each commit`);
  return 0;
}

/** The staged bytes of a file (KB-relative path), as the next commit will hold them. */
export async function stagedBytes(kbRoot: string, path: string): Promise<Buffer> {
  // `:./path` names the index entry relative to the working folder, whatever the path looks like.
  return git.runBytes(['cat-file', 'blob', `:./${path}`], kbRoot);
}

/**
 * Files staged for the next commit, relative to the KB root: those it adds or changes, and those it
 * removes. A rename is both (--no-renames), as links to its old name break as they do for a removal.
 */
export async function stagedFiles(kbRoot: string): Promise<{ changed: Set<string>; removed: Set<string> }> {
  const names = async (filter: string) => {
    const out = await git.run(['-c', 'core.quotePath=false', 'diff', '--cached', '--name-only', '--relative', '--no-renames', `--diff-filter=${filter}`, '-z'], kbRoot);
    return new Set(out.split('\0').filter(Boolean));
  };
  return { changed: await names('ACM'), removed: await names('D') };
}
