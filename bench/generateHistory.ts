// Generates a repository with a long history for the git benchmark: 20,000 commits by about 300
// authors over 3,000 Markdown files under kb/, 1-5 files a commit, and a few commits outside kb/
// that the pathspec must leave out. `git fast-import` writes it in seconds where 20,000 `git
// commit` calls would take minutes. The result depends only on the seed and is cached.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Random, Zipf } from './random';
import { FIRST_NAMES, FOLDERS, LAST_NAMES, PROSE } from './words';

const GENERATOR_VERSION = 1;
const SEED = 4301;
const FILES = 3_000;
const AUTHORS = 300;
const MARKER = 'commons-bench-complete';

/** The repository root (entries are under kb/), generating it first when no complete copy is cached. */
export function generatedHistory(commits = 20_000): string {
  const root = path.join(os.tmpdir(), `commons-bench-history-${commits}-v${GENERATOR_VERSION}`);
  if (fs.existsSync(path.join(root, '.git', MARKER))) return root;
  const partial = `${root}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', partial]);
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: partial, input: importStream(commits), maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr.toString()}`);
  execFileSync('git', ['reset', '--quiet', '--hard', 'main'], { cwd: partial });
  fs.writeFileSync(path.join(partial, '.git', MARKER), new Date().toISOString());
  fs.renameSync(partial, root);
  return root;
}

function importStream(commits: number): Buffer {
  const random = new Random(SEED);
  const authors = makeAuthors(random);
  const authorRanks = new Zipf(authors.length, 1.1);
  const fileRanks = new Zipf(FILES, 0.7);
  const files = Array.from({ length: FILES }, (_, i) => `kb/${FOLDERS[i % FOLDERS.length]}/${random.pick(PROSE)}-${random.pick(PROSE)}-${i}.md`);
  const parts: string[] = [];
  let time = 1_500_000_000;
  for (let i = 0; i < commits; i++) {
    time += random.int(60, 3 * 3600);
    const author = authors[authorRanks.draw(random)];
    // Files join the knowledge base over the first half of the history, as a real one grows.
    const available = Math.min(FILES, 50 + Math.floor((i * FILES * 2) / commits));
    const touched = new Set<string>();
    const outsideOnly = random.chance(0.02);
    if (!outsideOnly) for (let n = random.int(1, 5); n > 0; n--) touched.add(files[fileRanks.draw(random) % available]);
    if (outsideOnly || random.chance(0.05)) touched.add(random.pick(['README.md', 'scripts/publish.sh', '.github/workflows/check.yml']));
    const message = `${random.pick(PROSE)} ${random.pick(PROSE)} ${random.pick(PROSE)} (${i})\n`;
    parts.push(`commit refs/heads/main\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n${data(message)}`);
    for (const file of touched) parts.push(`M 100644 inline ${file}\n${data(`# ${path.basename(file, '.md')}\n\nRevision ${i}: ${random.pick(PROSE)} ${random.pick(PROSE)}.\n`)}`);
    parts.push('\n');
  }
  return Buffer.from(parts.join(''), 'utf8');
}

function makeAuthors(random: Random): string[] {
  const authors = new Set<string>();
  while (authors.size < AUTHORS) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const host = random.pick(['example.com', 'example.org', 'users.noreply.example.com']);
    authors.add(`${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)} <${first}.${last}@${host}>`);
  }
  return [...authors];
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}`;
}

if (require.main === module) {
  const started = Date.now();
  const root = generatedHistory(Number(process.argv[2] ?? 20_000));
  console.log(`${root} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
