// The Commons benchmark: prints figures for real and generated knowledge bases next to their
// targets. Nothing here fails a build; the figures are for people deciding what to make faster.
//
//   node --expose-gc out/bench/run.js                 all sections
//   BENCH_ONLY=kb,git node out/bench/run.js           some sections (cpp, kb, git)
//   BENCH_CPU_PROF=/tmp/prof node out/bench/run.js    also write a CPU profile per measurement
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { cppDocs, corpusAvailable, dendronSite } from '../test/corpus/corpora';
import { generatedHistory } from './generateHistory';
import { floorPass } from './cppTask';
import { generatedKb } from './generateKb';
import { Report } from './report';

// Each task prints its own flat set of figures; the sections below know which keys each one has.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Figures = Record<string, any>;

const only = process.env.BENCH_ONLY?.split(',');
const profileDir = process.env.BENCH_CPU_PROF;

/** Runs one task in a fresh node process and returns the JSON line it prints. */
function measure(task: string, args: string[]): Promise<Figures> {
  const flags = ['--expose-gc', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${task}.cpuprofile`] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, path.join(__dirname, 'measure.js'), task, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => (out += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line) resolve(JSON.parse(line) as Figures);
      else reject(new Error(`measure ${task} exited with ${code}`));
    });
  });
}

function prepare<T>(what: string, make: () => T): T {
  const started = Date.now();
  const value = make();
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`  (prepared ${what} in ${seconds.toFixed(1)} s; cached for the next run)`);
  return value;
}

async function cppSection(report: Report): Promise<void> {
  console.log('\ncpp-docs: Commons full index against the floor (list + read + split + js-yaml), median of 5 in turns');
  const figures = await measure('cpp-floor', [prepare('cpp-docs', cppDocs), 'docs']);
  const s = 'cpp-docs';
  report.add(s, 'Markdown files read by the floor', figures.files, 'count');
  report.add(s, 'entries in the Commons index', figures.entries, 'count');
  report.add(s, 'floor pass', figures.floorMs, 'ms');
  report.add(s, 'Commons full index', figures.indexMs, 'ms');
  report.add(s, 'index / floor', figures.indexMs / figures.floorMs, 'x', 1.3);
  report.add(s, 'index / floor in CPU time', figures.indexCpuMs / figures.floorCpuMs, 'x');
  // The same after a forced full collection before each pass (median of 3): see timePasses.
  report.add(s, 'index / floor, each pass after a forced full collection', figures.collectedIndexMs / figures.collectedFloorMs, 'x');
  report.add(s, `peak RSS (${figures.passes} passes in one process)`, figures.peakRssMb, 'MB');
}

async function kbSection(report: Report): Promise<void> {
  console.log('\nGenerated knowledge base, 100,000 entries');
  const root = prepare('the 100k knowledge base', () => generatedKb(100_000));
  const snapshot = path.join(os.tmpdir(), 'commons-bench-kb-100k.snapshot.json');
  const s = '100k';
  // Every file is read once, untimed, as the cpp-docs comparison does: "cold" means a fresh
  // process and an empty index, not a disk to wait for. Without it the figures swing by seconds
  // with whatever the machine last dropped from its page cache.
  floorPass(root);
  const cold = await measure('kb-cold', [root, snapshot]);
  report.add(s, 'entries', cold.entries, 'count');
  report.add(s, 'cold full index', cold.loadMs / 1000, 's', 8);
  report.add(s, 'cold full index, CPU time', cold.loadCpuMs / 1000, 's');
  report.add(s, 'peak RSS after cold index', cold.peakRssMb, 'MB', 500);
  report.add(s, 'heap in use after cold index', cold.heapUsedMb, 'MB');
  report.add(s, 'snapshot serialize + write', cold.snapshotMs, 'ms');
  report.add(s, 'snapshot size (lines and texts)', cold.snapshotMb, 'MB');
  report.add(s, 'peak RSS with snapshot write', cold.peakRssWithSnapshotMb, 'MB', 500);
  floorPass(root);
  const warm = await measure('kb-warm', [root, snapshot]);
  report.add(s, 'warm: snapshot restored after (files stat\'ed meanwhile)', warm.restoredAtMs, 'ms');
  report.add(s, 'warm start total', warm.totalMs / 1000, 's', 2);
  report.add(s, 'warm start total, CPU time', warm.totalCpuMs / 1000, 's');
  report.add(s, 'warm: entries reused from snapshot', warm.reused, 'count');
  report.add(s, 'warm: peak RSS', warm.peakRssMb, 'MB', 500);
  report.add(s, 'warm: then link sources in slices', warm.linkSourcesMs, 'ms');
  report.add(s, 'warm: peak RSS with link sources', warm.peakRssWithLinksMb, 'MB');
  const ops = await measure('kb-ops', [root]);
  report.add(s, 'one changed file, median of 50', ops.changeMedianMs, 'ms', 5);
  report.add(s, 'one changed file, 95th percentile', ops.changeP95Ms, 'ms');
  report.add(s, 'first backlinks query (builds the link sources)', ops.firstBacklinksMs, 'ms');
  report.add(s, 'backlinks query after that', ops.backlinksMs, 'ms');
  report.add(s, `brokenLinks() (${ops.brokenLinks} broken)`, ops.brokenLinksMs, 'ms');
  report.add(s, `withTagOrDescendant(${ops.topTag}) (${ops.topTagEntries})`, ops.tagLookupMs, 'ms');
  report.add(s, `sorted titles of ${ops.treeChildren} tree children`, ops.treeChildrenMs, 'ms');
  report.add(s, 'search: first query (prepares every entry)', ops.searchBuildMs, 'ms');
  report.add(s, `search, median of ${Object.keys(ops.searchPerQueryMs).length} queries`, ops.searchMedianMs, 'ms');
  report.add(s, 'search, slowest query', ops.searchWorstMs, 'ms');
  report.add(s, `planTagRename ${ops.renameTag} (${ops.renameEntries} entries)`, ops.renameMs / 1000, 's', 3);
  report.add(s, 'runChecks over all entries', ops.checksMs / 1000, 's');
  report.add(s, 'peak RSS (index + operations)', ops.peakRssMb, 'MB');
  console.log(`  search per query: ${Object.entries(ops.searchPerQueryMs).map(([q, ms]) => `"${q}" ${(ms as number).toFixed(1)} ms / ${ops.searchHits[q]} hits`).join(', ')}`);
  console.log(`  rename plan: ${ops.renameChanges} changes, ${ops.renameRefused} refused; checks: ${ops.findings} findings`);
}

async function gitSection(report: Report): Promise<void> {
  // [name, where, first-open target of the health dashboard in seconds]
  const repositories: Array<[string, () => string, number]> = [['20k commits', () => path.join(generatedHistory(20_000), 'kb'), 4]];
  if (corpusAvailable()) repositories.unshift(['dendron-site', () => path.join(dendronSite(), 'vault'), 1.5]);
  for (const [name, locate, firstOpenTarget] of repositories) {
    console.log(`\nGit history, ${name}: GitHistory.update() against raw git log, median of 3`);
    const root = prepare(name, locate);
    const figures = await measure('git-history', [root]);
    report.add(name, 'commits read', figures.commits, 'count');
    console.log(`  (${figures.files} files, ${figures.people} people, ${figures.logMb.toFixed(1)} MB of log)`);
    report.add(name, 'raw git log pass', figures.rawMs, 'ms');
    report.add(name, 'GitHistory.update()', figures.historyMs, 'ms');
    report.add(name, 'history / raw', figures.historyMs / figures.rawMs, 'x', 1.2);
    const health = await measure('dashboard-health', [root]);
    report.add(name, 'health dashboard, first open (git read + figures)', health.firstOpenMs / 1000, 's', firstOpenTarget);
    report.add(name, 'health dashboard, once cached', health.cachedMs, 'ms', 500);
    report.add(name, 'health dashboard, after one entry changed', health.afterChangeMs, 'ms');
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Commons benchmark: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${loadText()}`);
  const report = new Report();
  const sections: Array<[string, (report: Report) => Promise<void>]> = [['cpp', cppSection], ['kb', kbSection], ['git', gitSection]];
  for (const [name, section] of sections) {
    if (only && !only.includes(name)) continue;
    if (name === 'cpp' && !corpusAvailable()) {
      console.log(`\n${name}: skipped, the shared corpora are not beside the repository`);
      continue;
    }
    await section(report);
  }
  console.log(`\n${report.table()}\n\nTotal time ${((Date.now() - started) / 1000).toFixed(0)} s, ${loadText()}`);
}

/** Other work on the machine slows every figure down; the load average says how much there was. */
function loadText(): string {
  return `load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
