// A small page-object layer over the code-server workbench, so e2e tests read as what a person
// does ("run this command", "expand that view") rather than as CSS selectors.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const screenshotDir = path.join(repoRoot, '.test-output', 'e2e');

interface CodeServer {
  port: number;
  workbenchUrl(folder: string, payload: [string, string][]): string;
  remoteUri(absPath: string): string;
  stop(): Promise<void>;
}

interface CodeServerModule {
  startCodeServer(options: { extensionsDir?: string; userDataDir?: string }): Promise<CodeServer>;
  installVsix(vsixPath: string, extensionsDir: string, userDataDir?: string): void;
  launchBrowser(): Promise<Browser>;
}

// The helpers are an ES module shared with the scripts. TypeScript compiles `import()` to
// `require()` for CommonJS output, which older Node 20 releases cannot use on ES modules, so the
// real dynamic import is reached through a function TypeScript does not rewrite.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export interface WorkbenchOptions {
  /** The folder to open, e.g. a fixture knowledge base. */
  folder: string;
  /** A `.vsix` to install, or the extension folder to load as in development (the repository by default). */
  vsixOrDevPath?: string;
}

export interface Workbench {
  page: Page;
  /** This workbench's scratch user-data folder (settings, logs, extension storage). */
  userDataDir: string;
  runCommand(title: string): Promise<void>;
  /** Runs a command that opens a quick input, and waits for that input (by its title) to show. */
  openQuickInput(command: string, inputTitle: string): Promise<void>;
  clickActivityBarItem(title: string): Promise<void>;
  expandView(name: string): Promise<void>;
  treeItem(label: string): Locator;
  quickPickSelect(text: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** The first line of the extension's log that matches, without its time and level; waits up to `timeoutMs`. */
  logLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The snapshot file the extension wrote for its knowledge base; waits up to `timeoutMs` for it. */
  snapshotFile(timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench({ folder, vsixOrDevPath = repoRoot }: WorkbenchOptions): Promise<Workbench> {
  const helpers = (await importModule(path.join(repoRoot, 'scripts', 'vscode', 'codeServer.mjs'))) as CodeServerModule;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-e2e-'));
  const extensionsDir = path.join(scratch, 'extensions');
  const userDataDir = path.join(scratch, 'user-data');
  const isVsix = vsixOrDevPath.endsWith('.vsix');
  if (isVsix) helpers.installVsix(vsixOrDevPath, extensionsDir, userDataDir);

  const server = await helpers.startCodeServer({ extensionsDir, userDataDir });
  const browser = await helpers.launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const payload: [string, string][] = isVsix ? [] : [['extensionDevelopmentPath', server.remoteUri(path.resolve(vsixOrDevPath))]];
  await page.goto(server.workbenchUrl(folder, payload));
  // The explorer showing the folder means the workbench is connected to its server.
  await page.locator('.monaco-workbench .part.sidebar').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });

  const quickInput = page.locator('.quick-input-widget');
  const runCommand = async (title: string) => {
    // The palette closes at once when an editor finishing to open takes the focus just then (or
    // does not open while the workbench is still busy starting): press F1 again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      try {
        await quickInput.locator('input').waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 6) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await page.keyboard.type(title);
    await quickInput.locator('.monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  };

  return {
    page,
    userDataDir,

    runCommand,

    async openQuickInput(command, inputTitle) {
      const title = quickInput.locator('.quick-input-title', { hasText: inputTitle });
      // An editor that finishes opening just then takes the focus, and a quick input closes when
      // it loses the focus: then it is opened again, as a person would.
      for (let attempt = 1; ; attempt++) {
        await runCommand(command);
        try {
          await title.waitFor({ timeout: 10_000 });
          return;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    },

    async clickActivityBarItem(title) {
      // Items carry their keybinding in the label ("Explorer (Ctrl+Shift+E)"), hence the prefix match.
      await page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title}"]`).click();
      await page.locator('.part.sidebar .title-label', { hasText: title }).waitFor();
    },

    async expandView(name) {
      const header = page.locator('.part.sidebar .pane-header', { has: page.locator('h3.title', { hasText: name }) }).first();
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      await page.waitForFunction((element) => element?.getAttribute('aria-expanded') === 'true', await header.elementHandle());
    },

    treeItem(label) {
      return page.locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: label }).first();
    },

    async quickPickSelect(text) {
      await quickInput.locator('.monaco-list-row', { hasText: text }).first().click();
    },

    async screenshot(name) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },

    logLine(pattern, timeoutMs = 60_000) {
      return waitFor(
        () => {
          for (const file of filesUnder(path.join(userDataDir, 'logs'), (name) => name.endsWith('.log'))) {
            // A log file may come and go while the window reloads.
            const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
            const line = text.split('\n').find((one) => pattern.test(one));
            if (line) return line.replace(/^.*?\[(info|warning|error)\] /, '');
          }
          return undefined;
        },
        timeoutMs,
        `a log line matching ${pattern}`,
      );
    },

    snapshotFile(timeoutMs = 60_000) {
      // Written beside and renamed once complete, so a file found is a whole snapshot.
      return waitFor(() => filesUnder(path.join(userDataDir, 'User'), (name) => /^snapshot-.*\.jsonl$/.test(name))[0], timeoutMs, 'the snapshot to be written');
    },

    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function filesUnder(folder: string, wanted: (name: string) => boolean): string[] {
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((file) => wanted(path.basename(file))).map((file) => path.join(folder, file));
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A scratch copy of the sample knowledge base, so a test may change it freely. */
export function copyOfSample(name: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `commons-${name}-`));
  fs.cpSync(path.join(repoRoot, 'sample'), folder, { recursive: true });
  return folder;
}
