// One measurement in a process of its own: `node out/bench/measure.js <task> <args...>` prints a
// single JSON line on standard output. A fresh process per task means peak memory and cold
// timings are not inflated or flattered by whatever ran before.
import { compareWithFloor } from './cppTask';
import { compareHistory } from './gitTask';
import { dashboardHealth } from './healthTask';
import { coldIndex, operations, warmStart } from './kbTasks';

const TASKS: Record<string, (...args: string[]) => Promise<Record<string, unknown>>> = {
  'cpp-floor': (root, entriesFolder) => compareWithFloor(root, entriesFolder),
  'kb-cold': (root, snapshotPath) => coldIndex(root, snapshotPath),
  'kb-warm': (root, snapshotPath) => warmStart(root, snapshotPath),
  'kb-ops': (root) => operations(root),
  'git-history': (cwd) => compareHistory(cwd),
  'dashboard-health': (root) => dashboardHealth(root),
};

async function main(): Promise<void> {
  const [task, ...args] = process.argv.slice(2);
  const run = TASKS[task];
  if (!run) {
    console.error(`unknown task "${task}"; known: ${Object.keys(TASKS).join(', ')}`);
    process.exit(2);
  }
  const result = await run(...args);
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
