// Git history: Commons' GitHistory.update() against one raw `git log --name-only --no-renames` pass
// whose output is only counted. The ratio is what Commons costs on top of git listing each commit's
// files: parsing and aggregating the log, and git's own rename detection, which the raw pass skips.
import { spawn } from 'node:child_process';
import { GitHistory, logArgs, newSeparators } from '../src/core/git/history';
import { NodeGitRunner } from '../src/node/nodeGitRunner';
import { collectGarbage, median, peakRssMb, timeMs } from './timing';

// The record format and pathspec GitHistory asks git for (src/core/git/history.ts), --full-history
// included (both read every commit that reached the folder, as a log without a path does), with
// file names only and no rename detection: the cheapest log that names every commit's files.
const LOG_ARGS = [...logArgs(newSeparators()), '--name-only', '--no-renames', '--relative', '--full-history', 'HEAD', '--', '.'];

/** Runs git log and consumes its output as raw bytes; returns the number of bytes read. */
export function rawLog(cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', LOG_ARGS, { cwd, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LC_ALL: 'C' } });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(bytes) : reject(new Error(`git log exited with ${code}`))));
  });
}

async function commonsHistory(cwd: string): Promise<GitHistory> {
  const history = new GitHistory(new NodeGitRunner(), cwd);
  await history.update();
  return history;
}

export async function compareHistory(cwd: string, runs = 3): Promise<Record<string, unknown>> {
  // One untimed pass warms git's object and pack caches for both sides.
  const bytes = await rawLog(cwd);
  const rawMs: number[] = [];
  const historyMs: number[] = [];
  let history: GitHistory | undefined;
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    rawMs.push((await timeMs(() => rawLog(cwd))).ms);
    history = undefined;
    collectGarbage();
    const timed = await timeMs(() => commonsHistory(cwd));
    historyMs.push(timed.ms);
    history = timed.value;
  }
  return {
    logMb: bytes / 1024 / 1024,
    commits: history?.commits.length ?? 0,
    files: history?.files.size ?? 0,
    people: history?.people.size ?? 0,
    rawMs: median(rawMs),
    historyMs: median(historyMs),
    rawRuns: rawMs,
    historyRuns: historyMs,
    peakRssMb: peakRssMb(),
  };
}
