// Runs the e2e suites (out/test/e2e/**/*.test.js): each test drives the real workbench in
// headless Chromium through test/e2e/workbench.ts. Build and compile the tests first.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { ensureCodeServer, repoRoot } from './codeServer.mjs';

const testsDir = path.join(repoRoot, 'out', 'test', 'e2e');
if (!existsSync(path.join(repoRoot, 'dist', 'extension.js')) || !existsSync(testsDir)) {
  console.error('missing dist/ or out/test/e2e: run `npm run build && npm run compile-tests` first');
  process.exit(1);
}
ensureCodeServer();

// Starting a server and a browser per test takes seconds, so the timeout is generous.
const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, reporter: 'spec' });
const files = readdirSync(testsDir, { recursive: true }).filter((name) => name.endsWith('.test.js')).sort();
for (const file of files) mocha.addFile(path.join(testsDir, file));

const counts = { passed: 0, failed: 0 };
await new Promise((resolve) => {
  const runner = mocha.run(resolve);
  runner.on('pass', () => counts.passed++);
  runner.on('fail', () => counts.failed++);
});
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed > 0 || counts.passed === 0 ? 1 : 0);
