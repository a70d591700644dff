// The entry point VS Code loads through `extensionTestsPath`: it runs every `*.test.js` beside it
// with mocha inside the real extension host. The same file serves desktop VS Code
// (@vscode/test-electron) and code-server, which is why the outcome is both returned and, when
// COMMONS_TEST_RESULTS names a file, written there for a runner that cannot see this console.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface Results {
  passed: number;
  failed: number;
  pending: number;
  report: string;
}

export async function run(): Promise<void> {
  const lines: string[] = [];
  let results: Results;
  try {
    results = await runSuites(lines);
  } catch (error) {
    // A suite that cannot even load is still a failure the runner must see and report.
    lines.push(`could not run the integration suites: ${(error as Error).stack ?? error}`);
    results = { passed: 0, failed: 1, pending: 0, report: lines.join('\n') };
  }
  writeResults(results);
  if (results.failed > 0) {
    throw new Error(`${results.failed} integration test(s) failed`);
  }
}

function runSuites(lines: string[]): Promise<Results> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise((resolve) => {
    const counts = { passed: 0, failed: 0, pending: 0 };
    const runner = mocha.run(() => resolve({ ...counts, report: lines.join('\n') }));
    const indent = (test: Mocha.Runnable) => '  '.repeat(Math.max(0, test.titlePath().length - 1));
    runner.on('suite', (suite) => { if (suite.title) lines.push(`${'  '.repeat(suite.titlePath().length - 1)}${suite.title}`); });
    runner.on('pass', (test) => { counts.passed++; lines.push(`${indent(test)}✓ ${test.title} (${test.duration ?? 0} ms)`); });
    runner.on('pending', (test) => { counts.pending++; lines.push(`${indent(test)}- ${test.title} (skipped)`); });
    runner.on('fail', (test, error) => {
      counts.failed++;
      lines.push(`${indent(test)}✗ ${test.fullTitle()}`);
      lines.push(String(error?.stack ?? error).split('\n').map((line) => `${indent(test)}    ${line}`).join('\n'));
    });
  });
}

function writeResults(results: Results): void {
  const target = process.env.COMMONS_TEST_RESULTS;
  if (!target) return;
  // Written under another name first, so a runner polling for the file never reads half of it.
  fs.writeFileSync(`${target}.partial`, JSON.stringify(results, null, 2));
  fs.renameSync(`${target}.partial`, target);
}
