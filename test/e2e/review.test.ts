// A steward reviewing a contribution in the real UI: the panel shows the front-matter changes and
// the rendered text before and after.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { copyOfSample, openWorkbench, type Workbench } from './workbench';


describe('a steward reviewing a contribution', () => {
  let workbench: Workbench;
  let folder: string;

  before(async () => {
    folder = copyOfSample('review');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Mei Chen', '-c', 'user.email=mei.chen@example.com', ...args], { cwd: folder, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'Sample knowledge base');
    git('checkout', '-q', '-b', 'kb/code-review-update');
    const file = path.join(folder, 'docs', 'practices', 'code-review.md');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/^tags:.*$/m, 'tags: [code-review, guild, pairing]').replace(/\n## /, '\n> Pair on large changes before asking for review.\n\n## '));
    git('commit', '-q', '-am', 'Code review: pairing on large changes');
    git('checkout', '-q', 'main');
    workbench = await openWorkbench({ folder });
    await workbench.page.locator('.part.activitybar .action-item a.action-label[aria-label^="Commons"]').waitFor();
    await workbench.page.waitForTimeout(1000);
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('opens the review panel with the rendered before and after', async () => {
    await workbench.runCommand('Commons: Review Contribution');
    const choice = workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'kb/code-review-update' }).first();
    await choice.waitFor({ timeout: 30_000 });
    await choice.click();
    const frame = workbench.page.frameLocator('iframe.webview').frameLocator('iframe');
    await frame.locator('h1', { hasText: 'Review kb/code-review-update' }).waitFor({ timeout: 30_000 });
    await frame.locator('.added', { hasText: 'pairing' }).waitFor();
    await frame.locator('blockquote', { hasText: 'Pair on large changes' }).waitFor();
    await workbench.screenshot('review-01-panel');
  });

  it('approves and merges: the merge is committed, nothing is pushed unasked, and the panel closes', async () => {
    const frame = workbench.page.frameLocator('iframe.webview').frameLocator('iframe');
    await frame.locator('button', { hasText: 'Approve and merge' }).click();
    const confirm = workbench.page.locator('.monaco-dialog-box', { hasText: 'Merge kb/code-review-update into main?' });
    await confirm.waitFor({ timeout: 30_000 });
    await confirm.locator('.dialog-buttons .monaco-button', { hasText: 'Merge' }).click();
    const pushQuestion = workbench.page.locator('.notifications-toasts .notification-toast', { hasText: 'Merged kb/code-review-update. Push the default branch?' });
    await pushQuestion.waitFor({ timeout: 30_000 });
    await workbench.screenshot('review-02-merged');
    await pushQuestion.locator('.monaco-button', { hasText: 'Not Now' }).click();
    await workbench.page.locator('.tab', { hasText: 'Review kb/code-review-update' }).waitFor({ state: 'detached', timeout: 30_000 });
    const log = execFileSync('git', ['log', '--format=%s', '-n', '1', 'main'], { cwd: folder, encoding: 'utf8' });
    if (log.trim() !== 'Merge kb/code-review-update') throw new Error(`main is at "${log.trim()}"`);
  });
});
