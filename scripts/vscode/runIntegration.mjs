// Runs the integration suites (out/test/integration) inside a real VS Code extension host.
// By default that host is code-server's, opened by headless Chromium, because it needs no
// download from outside the package registries; `--desktop` (or COMMONS_VSCODE=desktop) uses
// desktop VS Code through @vscode/test-electron instead. Build and compile the tests first.
//
//   node scripts/vscode/runIntegration.mjs [--folder DIR] [--vsix FILE] [--desktop] [--timeout SECONDS]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupOnSignal, ensureCodeServer, installVsix, launchBrowser, repoRoot, startCodeServer } from './codeServer.mjs';

const { values: options } = parseArgs({
  options: {
    folder: { type: 'string', default: path.join(repoRoot, 'test', 'fixtures', 'basic-kb') },
    vsix: { type: 'string' },
    desktop: { type: 'boolean', default: process.env.COMMONS_VSCODE === 'desktop' },
    timeout: { type: 'string', default: '300' },
  },
});

const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index');
const logDir = path.join(repoRoot, '.test-output', 'integration');
const timeoutMs = Number(options.timeout) * 1000;

for (const required of [path.join(repoRoot, 'dist', 'extension.js'), `${testsIndex}.js`]) {
  if (!existsSync(required)) {
    console.error(`missing ${path.relative(repoRoot, required)}: run \`npm run build && npm run compile-tests\` first`);
    process.exit(1);
  }
}

const scratch = await mkdtemp(path.join(os.tmpdir(), 'commons-integration-'));
const resultsFile = path.join(scratch, 'results.json');
// The suites write files, so they work on a copy, made a git repository with a known history.
const workFolder = path.join(scratch, 'kb');
await cp(options.folder, workFolder, { recursive: true });
commitFixture(workFolder);
const removeScratch = () => rm(scratch, { recursive: true, force: true });
const forgetScratch = cleanupOnSignal(removeScratch);
let results;
try {
  results = options.desktop ? await runDesktop() : await runInCodeServer();
} catch (error) {
  console.error(String(error?.stack ?? error));
  results = { passed: 0, failed: 1, report: '' };
} finally {
  forgetScratch();
  await removeScratch();
}

if (results.report) console.log(results.report);
console.log(`integration: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 || results.passed === 0 ? 1 : 0);

async function runInCodeServer() {
  ensureCodeServer();
  const extensionsDir = path.join(scratch, 'extensions');
  const userDataDir = path.join(scratch, 'user-data');
  if (options.vsix) {
    console.log(`installing ${options.vsix}`);
    installVsix(options.vsix, extensionsDir, userDataDir);
  }

  const server = await startCodeServer({ env: { COMMONS_TEST_RESULTS: resultsFile }, extensionsDir, userDataDir });
  let browser;
  const browserLog = [];
  try {
    // VS Code runs extensionTestsPath only in an extension development window. With a .vsix the
    // installed package is under test, so the development path is an empty folder that loads nothing.
    const developmentPath = options.vsix ? path.join(scratch, 'no-development-extension') : repoRoot;
    await mkdir(developmentPath, { recursive: true });
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(developmentPath)],
      ['extensionTestsPath', server.remoteUri(testsIndex)],
    ];
    browser = await launchBrowser();
    const page = await browser.newPage();
    page.on('console', (message) => browserLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`[pageerror] ${error.message}`));
    console.log(`running the integration suites in code-server on port ${server.port}`);
    await page.goto(server.workbenchUrl(workFolder, payload));
    return await waitForResults();
  } finally {
    // Kept for diagnosis: a failing run in CI is understood from these two logs.
    await mkdir(logDir, { recursive: true });
    await writeFile(path.join(logDir, 'code-server.log'), server.output());
    await writeFile(path.join(logDir, 'browser-console.log'), browserLog.join('\n'));
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

async function runDesktop() {
  if (options.vsix) throw new Error('--vsix runs only in code-server; drop --desktop');
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsIndex,
      extensionTestsEnv: { COMMONS_TEST_RESULTS: resultsFile },
      launchArgs: [workFolder, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    // A failing suite makes VS Code exit non-zero, and then the results file tells the details;
    // without that file the error is about VS Code itself (a failed download, a crash).
    if (!existsSync(resultsFile)) throw error;
  }
  return readResults();
}

async function waitForResults() {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(resultsFile)) return readResults();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no results after ${timeoutMs / 1000} s; see ${path.relative(repoRoot, logDir)}/`);
}

async function readResults() {
  if (!existsSync(resultsFile)) throw new Error('VS Code ended without writing test results');
  return JSON.parse(await readFile(resultsFile, 'utf8'));
}

/** Two commits by two people, so People and history-based views have something real to show. */
function commitFixture(dir) {
  const git = (args, env = {}) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env } });
  const as = (name, email, date) => ({ GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Start the knowledge base'], as('Ana Lima', 'ana@example.com', '2024-01-15T10:00:00Z'));
  appendFileSync(path.join(dir, 'docs', 'code-review.md'), '\nReviewed again in June.\n');
  git(['commit', '-q', '-am', 'Review pass'], as('Ben Okafor', 'ben@example.com', '2024-06-01T10:00:00Z'));
}
