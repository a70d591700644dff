// A contributor writing a new entry through the palette and proposing it, in the real UI, against a
// bare remote on disk.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openWorkbench, type Workbench } from './workbench';

const sample = path.resolve(__dirname, '..', '..', '..', 'sample');

describe('a contributor sharing a new entry', () => {
  let workbench: Workbench;
  let scratch: string;
  let folder: string;
  let remote: string;

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-contribute-'));
    folder = path.join(scratch, 'kb');
    remote = path.join(scratch, 'remote.git');
    fs.cpSync(sample, folder, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Ana Lima');
    git('config', 'user.email', 'ana.lima@example.com');
    git('add', '-A');
    git('commit', '-q', '-m', 'Sample knowledge base');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    git('remote', 'add', 'origin', remote);
    // The community's remote holds the default branch, which a proposal starts from.
    git('push', '-q', 'origin', 'main');
    git('fetch', '-q', 'origin');
    workbench = await openWorkbench({ folder });
    // The Commons icon appears once the extension's contributions are in: keys typed earlier get lost.
    await workbench.page.locator('.part.activitybar .action-item a.action-label[aria-label^="Commons"]').waitFor();
    await workbench.page.waitForTimeout(1000);
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const page = () => workbench.page;
  const quickInput = () => page().locator('.quick-input-widget');

  it('writes a new how-to through the palette', async () => {
    await workbench.runCommand('Commons: New Entry');
    await quickInput().locator('.monaco-list-row', { hasText: 'how-to' }).first().click();
    await quickInput().locator('.quick-input-title', { hasText: 'New how-to: title' }).waitFor();
    await page().keyboard.type('Rotate database credentials');
    await quickInput().locator('.monaco-list-row', { hasText: 'Create "Rotate database credentials"' }).waitFor();
    await workbench.screenshot('contribute-01-title');
    await page().keyboard.press('Enter');
    await quickInput().locator('.quick-input-title', { hasText: 'Tags for' }).waitFor();
    // An alias typed finds its tag, ticked with a click.
    await page().keyboard.type('k8s');
    const kubernetes = quickInput().locator('.monaco-list-row', { hasText: 'also k8s' });
    await kubernetes.waitFor();
    await kubernetes.click();
    await quickInput().locator('.quick-input-count', { hasText: '1' }).waitFor();
    // The tick stays while another tag is typed, and Enter adds the one highlighted.
    const filter = quickInput().locator('.quick-input-box input');
    await filter.fill('databases');
    await quickInput().locator('.monaco-list-row', { hasText: 'databases' }).first().waitFor();
    await workbench.screenshot('contribute-02-tags');
    await filter.press('Enter');
    await page().locator('.tabs-container .tab.active', { hasText: 'rotate-database-credentials.md' }).waitFor();
    await workbench.screenshot('contribute-03-new-entry');
    assert.match(fs.readFileSync(path.join(folder, 'docs', 'how-to', 'rotate-database-credentials.md'), 'utf8'), /title: "Rotate database credentials"\ntype: how-to\ntags: \[kubernetes, databases\]/);
  });

  it('sees it in Topics and proposes it; the remote has the branch', async () => {
    await workbench.clickActivityBarItem('Commons');
    await workbench.expandView('Topics');
    await workbench.treeItem('how-to').click();
    await workbench.treeItem('Rotate database credentials').waitFor();
    await workbench.runCommand('Commons: Propose Contribution');
    await quickInput().locator('.monaco-list-row', { hasText: 'Rotate database credentials' }).waitFor();
    await workbench.screenshot('contribute-04-choose-entries');
    await page().keyboard.press('Enter');
    await page().locator('.notifications-toasts', { hasText: 'Proposed on branch kb/rotate-database-credentials' }).waitFor({ timeout: 30_000 });
    await workbench.screenshot('contribute-05-proposed');
    const files = execFileSync('git', ['log', '-1', '--name-only', '--format=%s', 'refs/heads/kb/rotate-database-credentials'], { cwd: remote, encoding: 'utf8' });
    assert.strictEqual(files, 'Rotate database credentials\n\ndocs/how-to/rotate-database-credentials.md\n');
  });
});
