// A community lead opening the dashboard on the sample knowledge base, in the real UI. The sample
// is given a git history first: each entry committed by its first author on its `created` date,
// and touched again by its owner (else its last author) on its `reviewed` date, so the charts
// have a real history to show. Screenshots land in .test-output/e2e/ to be looked at.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { copyOfSample, openWorkbench, type Workbench } from './workbench';


interface Change {
  date: string;
  email: string;
  file: string;
  review: boolean;
}

/** The commits the sample's front matter implies, oldest first. */
function plannedChanges(folder: string): Change[] {
  const changes: Change[] = [];
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
  for (const absolute of walk(path.join(folder, 'docs'))) {
    const text = fs.readFileSync(absolute, 'utf8');
    const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const file = path.relative(folder, absolute);
    const created = /^created: (\d{4}-\d{2}-\d{2})/m.exec(frontMatter)?.[1];
    const reviewed = /^reviewed: (\d{4}-\d{2}-\d{2})/m.exec(frontMatter)?.[1];
    const authors = (/^authors:([\s\S]*?)(?=^\w)/m.exec(frontMatter + '\nend:')?.[1] ?? '').match(/[\w.]+@example\.com/g) ?? ['kwame.mensah@example.com'];
    const owner = /^owner: ([\w.]+@example\.com)/m.exec(frontMatter)?.[1];
    changes.push({ date: created ?? '2025-03-01', email: authors[0], file, review: false });
    if (reviewed && reviewed > (created ?? '')) changes.push({ date: reviewed, email: owner ?? authors[authors.length - 1], file, review: true });
  }
  return changes.sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
}

function commitHistory(folder: string): void {
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, { cwd: folder, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env } });
  const changes = plannedChanges(folder);
  const contents = new Map(changes.map((change) => [change.file, fs.readFileSync(path.join(folder, change.file), 'utf8')]));
  fs.rmSync(path.join(folder, 'docs'), { recursive: true });
  git(['init', '-q', '-b', 'main']);
  for (const change of changes) {
    const absolute = path.join(folder, change.file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    // A review touches the file; its content is the sample's own either way.
    fs.writeFileSync(absolute, contents.get(change.file)! + (change.review ? '\n' : ''));
    const name = change.email.split('@')[0].split('.').map((part) => part[0].toUpperCase() + part.slice(1)).join(' ');
    const when = `${change.date}T10:00:00Z`;
    git(['add', '-A']);
    git(['commit', '-q', '-m', `${change.review ? 'Review' : 'Add'} ${change.file}`], {
      GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: change.email, GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: change.email, GIT_COMMITTER_DATE: when,
    });
  }
}

describe('a community lead opening the dashboard', () => {
  let workbench: Workbench;
  let folder: string;
  let dashboard: FrameLocator;

  before(async () => {
    folder = copyOfSample('dashboard');
    commitHistory(folder);
    workbench = await openWorkbench({ folder });
    // A webview is an iframe holding the page's own iframe.
    dashboard = workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('sees the health figures, the charts and the maturity stage', async () => {
    // The palette lists only the commands known when it opens, so wait for the extension's
    // contributions (its activity bar item) before opening it.
    await workbench.page.locator('.part.activitybar .action-item a.action-label[aria-label^="Commons"]').waitFor({ timeout: 60_000 });
    await workbench.runCommand('Commons: Open Dashboard');
    await workbench.page.locator('.tabs-container .tab.active', { hasText: 'Commons Dashboard: Platform Guild' }).waitFor();
    await dashboard.locator('h1', { hasText: 'Community health: Platform Guild' }).waitFor({ timeout: 30_000 });
    // History is read after indexing; the page is replaced once it arrives.
    await dashboard.locator('.muted', { hasText: /from 18 entries and [1-9]\d* commits/ }).waitFor({ timeout: 30_000 });
    assert.strictEqual(await dashboard.locator('svg.cc-chart').count(), 5);
    assert.strictEqual(await dashboard.locator('.stage.current').count(), 1);
    assert.ok((await dashboard.locator('.evidence tbody tr').count()) >= 10);
    await workbench.screenshot('dashboard-01-top');
    await dashboard.locator('.charts').scrollIntoViewIfNeeded();
    await workbench.screenshot('dashboard-02-charts');
    await dashboard.locator('.lists').scrollIntoViewIfNeeded();
    await workbench.screenshot('dashboard-03-lists');
  });

  it('opens an open question from its list', async () => {
    await dashboard.locator('.questions button', { hasText: 'Should we sample debug logs in production?' }).click();
    await workbench.page.locator('.tabs-container .tab.active', { hasText: 'sampling-debug-logs.md' }).waitFor();
    await workbench.screenshot('dashboard-04-question-open');
  });

  it('lists the entries behind a tag bar', async () => {
    await workbench.page.locator('.tabs-container .tab', { hasText: 'Commons Dashboard' }).click();
    const kubernetes = dashboard.locator('g.cc-action[data-action="showTag"][data-key="kubernetes"]');
    await kubernetes.scrollIntoViewIfNeeded();
    await kubernetes.click();
    const rows = workbench.page.locator('.quick-input-widget .monaco-list-row');
    await workbench.page.locator('.quick-input-widget', { hasText: 'Entries tagged #kubernetes' }).waitFor();
    await rows.first().waitFor();
    assert.strictEqual(await rows.count(), 3, 'three entries carry #kubernetes (one through the k8s alias)');
    await workbench.screenshot('dashboard-05-tag-entries');
    await workbench.page.keyboard.press('Escape');
  });
});
