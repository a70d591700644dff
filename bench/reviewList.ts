// How long the Review view takes to list contributions: 50 branches, each changing 3 entries and
// adding one, on a 10,000-entry repository whose main branch moved on. Run: node out/bench/reviewList.js
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listContributions } from '../src/core/git/review';
import { NodeGitRunner } from '../src/node/nodeGitRunner';

export async function measureReviewList(): Promise<{ contributions: number; runsMs: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-review-bench-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.com' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  try {
    git('init', '-q', '-b', 'main');
    for (let i = 0; i < 10_000; i++) {
      const folder = path.join(dir, 'kb', `f${i % 100}`);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, `e${i}.md`), `---\ntitle: E${i}\ntags: [t${i % 50}]\n---\n# E${i}\n`);
    }
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    for (let b = 0; b < 50; b++) {
      git('switch', '-q', '-c', `kb/b${b}`, 'main');
      for (let k = 0; k < 3; k++) {
        const i = (b * 97 + k * 13) % 10_000;
        fs.appendFileSync(path.join(dir, 'kb', `f${i % 100}`, `e${i}.md`), `\nedit ${b}\n`);
      }
      fs.writeFileSync(path.join(dir, 'kb', 'f0', `n${b}.md`), `# N${b}\n`);
      git('add', '-A');
      git('commit', '-q', '-m', `b${b}`);
      if (b % 10 === 0) {
        git('switch', '-q', 'main');
        fs.appendFileSync(path.join(dir, 'kb', 'f1', 'e1.md'), `main ${b}\n`);
        git('commit', '-q', '-am', `main ${b}`);
      }
    }
    git('switch', '-q', 'main');
    const runner = new NodeGitRunner();
    const runsMs: number[] = [];
    let contributions = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const list = await listContributions(runner, path.join(dir, 'kb'), { kbPrefix: 'kb/', isEntry: (p) => p.endsWith('.md') });
      runsMs.push(performance.now() - started);
      contributions = list.contributions.length;
    }
    return { contributions, runsMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void measureReviewList().then(({ contributions, runsMs }) =>
    console.log(`review list: ${contributions} contributions on 10,000 entries in ${runsMs.map((t) => t.toFixed(0)).join(', ')} ms (5 runs; target <= 2000 ms)`),
  );
}
