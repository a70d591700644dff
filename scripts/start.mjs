// `npm start`: opens the sample knowledge base in a real VS Code with Commons loaded from this
// folder, as an Extension Development Host. Desktop VS Code is used when `code` is on the PATH;
// otherwise (or with COMMONS_VSCODE=code-server) code-server serves the same workbench to a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, repoRoot, startCodeServer } from './vscode/codeServer.mjs';

function folderToOpen() {
  const sample = path.join(repoRoot, 'sample');
  if (existsSync(sample)) return sample;
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'basic-kb');
  console.warn(`The sample knowledge base (${sample}) is missing; opening the test fixture ${fixture} instead.`);
  return fixture;
}

const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const folder = folderToOpen();

const hasDesktopCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode && process.env.COMMONS_VSCODE !== 'code-server') {
  // The desktop launcher hands the window to VS Code and returns, so this script ends with it.
  const code = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  ensureCodeServer();
  const port = Number(process.env.COMMONS_PORT ?? 8080);
  const server = await startCodeServer({ port });
  const url = server.workbenchUrl(folder, [['extensionDevelopmentPath', server.remoteUri(repoRoot)]]);
  console.log(`\nCommons is running in code-server. Open this address in a browser on this machine:\n\n  ${url}\n`);
  console.log('After changing the extension, run `npm run build` and reload the browser window. Press Ctrl-C to stop.');
  // The server's own cleanup runs on Ctrl-C; until then this script only has to stay alive.
  setInterval(() => {}, 1 << 30);
}
