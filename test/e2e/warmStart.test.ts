// A warm start in the real workbench: once the extension has written its snapshot, a window
// reload (a new extension host) indexes from it, and the side bar, search and backlinks work as
// after a full read. Screenshots land in .test-output/e2e/ to be looked at.
import * as assert from 'assert';
import * as fs from 'fs';
import { copyOfSample, openWorkbench, type Workbench } from './workbench';

describe('a warm start from the snapshot', () => {
  let workbench: Workbench;
  let folder: string;

  before(async () => {
    folder = copyOfSample('warm');
    workbench = await openWorkbench({ folder });
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('indexes from the snapshot after a window reload, and the views, search and backlinks work', async () => {
    await workbench.clickActivityBarItem('Commons');
    await workbench.treeItem('First week').waitFor();
    const coldBacklinks = await backlinksOfCodeReview();
    const cold = await workbench.logLine(/entries in .* indexed in \d+ ms$/);
    const entries = Number(/(\d+) entries in/.exec(cold)![1]);
    assert.ok(entries > 10, cold);
    const snapshot = await workbench.snapshotFile();

    const written = fs.statSync(snapshot).mtimeMs;
    await workbench.page.reload();
    const warm = await workbench.logLine(/indexed in \d+ ms \(\d+ from the snapshot, restored after \d+ ms\)/);
    assert.match(warm, new RegExp(`${entries} entries in .* \\(${entries} from the snapshot, `), 'every entry comes from the snapshot');

    // The reloaded window brings the Commons side bar back as it was.
    await workbench.page.locator('.part.sidebar .title-label', { hasText: 'Commons' }).waitFor();
    // Backlinks come from the link sources built over packed links after the load.
    assert.strictEqual(await backlinksOfCodeReview(), coldBacklinks);
    await workbench.screenshot('warm-01-backlinks');

    await workbench.openQuickInput('Commons: Search the Knowledge Base', 'Search the knowledge base');
    await workbench.page.keyboard.type('#kubernetes');
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Set resource requests and limits on Kubernetes' }).waitFor();
    // The list follows each keystroke: wait for it to settle on the three entries.
    const rows = workbench.page.locator('.quick-input-widget .monaco-list-row');
    for (let tries = 0; (await rows.count()) !== 3 && tries < 50; tries++) await workbench.page.waitForTimeout(100);
    assert.strictEqual(await rows.count(), 3);
    await workbench.screenshot('warm-02-search');
    await workbench.page.keyboard.press('Escape');
    // Nothing changed since the snapshot was written, so the warm start did not write it again.
    assert.strictEqual(fs.statSync(snapshot).mtimeMs, written, 'the snapshot was written again after an unchanged warm start');
  });

  /** Opens Code review from the learning path in Start Here and reads how many backlinks the Links view counts. */
  async function backlinksOfCodeReview(): Promise<number> {
    await workbench.treeItem('3. Code review').click();
    await workbench.page.locator('.tabs-container .tab.active', { hasText: 'code-review.md' }).waitFor();
    await workbench.expandView('Links');
    const backlinks = workbench.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]', { hasText: /^Backlinks\s*\d+/ }).first();
    await backlinks.waitFor({ timeout: 30_000 });
    const count = Number(/Backlinks\s*(\d+)/.exec(await backlinks.innerText())![1]);
    assert.ok(count >= 1, `backlinks of Code review: ${count}`);
    return count;
  }
});
