// The 100k knowledge base indexed inside a real VS Code (code-server, driven by headless Chromium):
// what a person opening it waits for, with the views, decorations and Links view all listening.
// Prints the extension's own "indexed in" figure and how long backlinks then take to show.
// Run: node out/bench/editorLoad.js (needs code-server, see scripts/vscode/setupCodeServer.sh)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench } from '../test/e2e/workbench';
import { generatedKb } from './generateKb';

async function main(): Promise<void> {
  const root = generatedKb(100_000);
  const entry = fs.readdirSync(path.join(root, 'archive', 'typescript')).find((name) => name.endsWith('.md'))!;
  const started = Date.now();
  const workbench = await openWorkbench({ folder: root });
  const { page } = workbench;
  try {
    await workbench.clickActivityBarItem('Commons');
    await workbench.expandView('Links');
    const statusBar = page.locator('.part.statusbar');
    await statusBar.filter({ hasText: /Commons: indexing/ }).waitFor({ timeout: 60_000 });
    await statusBar.filter({ hasNotText: /Commons: indexing/ }).waitFor({ timeout: 600_000 });
    const indexedSeconds = (Date.now() - started) / 1000;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(entry);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: entry }).first().waitFor();
    await page.keyboard.press('Enter');
    const opened = Date.now();
    const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
    // The Links group is collapsed so that the Backlinks group fits in the small view.
    const links = rows.filter({ hasText: /^Links\s*\d/ }).first();
    await links.click();
    await rows.filter({ hasText: /^Backlinks\s*\d/ }).first().waitFor({ timeout: 60_000 });
    const backlinksMs = Date.now() - opened;
    const log = await workbench.logLine(/entries in .* indexed in \d+ ms$/, 10_000).catch(() => undefined);
    console.log(`100k in a real VS Code: ${log?.replace(/^\[index\] /, '') ?? 'no "indexed in" line found in the extension log'}`);
    console.log(`  from opening the window to the end of indexing ${indexedSeconds.toFixed(1)} s; an entry opened after it shows its backlinks in ${backlinksMs} ms`);

    // A warm start: the window reloads (a new extension host) once the snapshot is written.
    await workbench.snapshotFile(120_000);
    await page.reload();
    await page.locator('.monaco-workbench .part.sidebar').waitFor({ timeout: 60_000 });
    const warm = await workbench.logLine(/indexed in \d+ ms \(\d+ from the snapshot, restored after \d+ ms\)/, 300_000);
    console.log(`  after a window reload, from the snapshot: ${warm.replace(/^\[index\] /, '')}`);
  } finally {
    await workbench.close();
  }
}

main().catch((error) => {
  console.log(`100k in a real VS Code: skipped (${(error as Error).message.split('\n')[0]})`);
});
