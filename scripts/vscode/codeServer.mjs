// Starts code-server (VS Code whose workbench runs in a browser while the extension host runs here
// in Node) and drives it with headless Chromium. The integration, e2e and start scripts share
// these helpers so that all of them open the extension the same way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const cacheDir = process.env.COMMONS_VSCODE_CACHE ?? path.join(os.homedir(), '.cache', 'commons-vscode');
const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);

// These flags keep Chromium quiet and self-contained: the machine has no network to spare and
// no display, and a sandbox cannot be set up when running as root.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// The tests should see the workbench a person sees after the first start, minus the welcome
// page, the extension recommendations and the offer to open the enclosing repository (fixtures
// live inside this one) that would otherwise cover parts of every screenshot.
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  // code-server saves edited files after a short delay by default; desktop VS Code does not. Tests
  // of what stays unsaved need VS Code's own default.
  'files.autoSave': 'off',
};

// code-server runs in a process group of its own, so an interrupted script would leave it behind
// unless its stop() also runs on Ctrl-C or on a CI cancel. Cleanups run last-registered first,
// so a server stops before the folder holding its data is removed.
const cleanups = [];
let signalsHandled = false;

/** Runs `cleanup` if the process is interrupted; call the returned function once it ran anyway. */
export function cleanupOnSignal(cleanup) {
  if (!signalsHandled) {
    signalsHandled = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, async () => {
        for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
        process.exit(130);
      });
    }
  }
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** The path of the code-server entry point; throws with the fix when it is not set up yet. */
export function codeServerBinary() {
  const binary = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(path.join(installDir, '.setup-complete'))) {
    throw new Error(`code-server is not set up in ${installDir}: run scripts/vscode/setupCodeServer.sh`);
  }
  return binary;
}

/** Runs the idempotent setup script (a no-op once done) and returns the binary. */
export function ensureCodeServer() {
  const script = path.join(repoRoot, 'scripts', 'vscode', 'setupCodeServer.sh');
  // The cache folder is passed on so that the script and these helpers always agree on it.
  const env = { ...process.env, COMMONS_VSCODE_CACHE: cacheDir };
  const result = spawnSync('bash', [script], { stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${script} failed with exit code ${result.status}`);
  return codeServerBinary();
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Installs a packaged extension with code-server's own installer, as a user would. */
export function installVsix(vsixPath, extensionsDir, userDataDir = extensionsDir) {
  const args = [codeServerBinary(), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--install-extension', path.resolve(vsixPath), '--force'];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`installing ${vsixPath} failed:\n${result.stdout}${result.stderr}`);
  }
}

/**
 * Starts code-server on a free loopback port and resolves once it answers HTTP.
 * `env` reaches the extension host, which is how tests learn where to write their results.
 * Workspace trust is off by default so that tests see a trusted workspace, as a person who
 * opened their own knowledge base would.
 */
export async function startCodeServer({ env = {}, userDataDir, extensionsDir, port, trustWorkspace = true } = {}) {
  const binary = codeServerBinary();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'commons-code-server-'));
  userDataDir ??= path.join(scratch, 'user-data');
  extensionsDir ??= path.join(scratch, 'extensions');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));

  port ??= await freePort();
  // An explicit config file keeps code-server from writing one with a password into the home folder.
  const config = path.join(scratch, 'config.yaml');
  await writeFile(config, 'auth: none\n');
  const args = [binary, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (trustWorkspace) args.push('--disable-workspace-trust');

  // A process group of its own lets stop() end the extension host and every helper with it.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => { output = (output + chunk).slice(-64_000); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.on('exit', resolve));

  let stopped = false;
  const forget = cleanupOnSignal(stop);
  async function stop() {
    if (stopped) return;
    stopped = true;
    forget();
    const signal = (name) => { try { process.kill(-child.pid, name); } catch { /* already gone */ } };
    if (child.exitCode === null) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Helpers that outlived the server itself would keep the temp folders busy.
    signal('SIGKILL');
    await rm(scratch, { recursive: true, force: true });
  }

  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- code-server output ---\n${output}`);
  }

  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    output: () => output,
    /** A file path as the workbench in the browser names it on this server. */
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${absPath}`,
    /** The page that opens `folder`; `payload` is a list of [name, value] pairs such as extensionDevelopmentPath. */
    workbenchUrl(folder, payload = []) {
      const query = new URLSearchParams({ folder: path.resolve(folder) });
      if (payload.length > 0) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query}`;
    },
    stop,
  };
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Headless Debian Chromium driven by playwright-core, which brings no browser of its own. */
export async function launchBrowser({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.COMMONS_CHROMIUM ?? '/usr/bin/chromium',
    headless,
    args: chromiumArgs,
  });
}
