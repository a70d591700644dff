// A newcomer's first minutes, clicked through the real VS Code UI on the sample knowledge base:
// open it, open the Commons side bar, expand Topics, open an entry, search by a tag, follow a
// backlink. Screenshots land in .test-output/e2e/ to be looked at.
import * as assert from 'assert';
import * as fs from 'fs';
import { copyOfSample, openWorkbench, type Workbench } from './workbench';


describe('a newcomer browsing the sample knowledge base', () => {
  let workbench: Workbench;
  let folder: string;

  before(async () => {
    folder = copyOfSample('sample');
    workbench = await openWorkbench({ folder });
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const activeTab = () => workbench.page.locator('.tabs-container .tab.active').first();

  it('sees the learning path and topics in the Commons side bar', async () => {
    await workbench.clickActivityBarItem('Commons');
    await workbench.treeItem('First week').waitFor();
    await workbench.treeItem('1. Welcome to the Platform Guild').waitFor();
    await workbench.expandView('Topics');
    await workbench.treeItem('practices').click();
    await workbench.treeItem('Blameless postmortems').waitFor();
    // An entry due for review wears the R badge (a file decoration); one reviewed lately does not.
    const badge = (label: string) => workbench.treeItem(label).locator('.monaco-icon-label[class*="monaco-decoration-itemBadge"]');
    await badge('Blameless postmortems').waitFor();
    assert.strictEqual(await badge('Code review').count(), 0);
    await workbench.screenshot('01-side-bar');
  });

  it('opens an entry from Topics', async () => {
    await workbench.treeItem('Code review').click();
    await activeTab().filter({ hasText: 'code-review.md' }).waitFor();
    await workbench.screenshot('02-entry-open');
  });

  it('follows a backlink from the Links view', async () => {
    await workbench.expandView('Links');
    await workbench.treeItem('Backlinks').waitFor();
    await workbench.treeItem('How we share knowledge').click();
    await activeTab().filter({ hasText: 'how-we-share.md' }).waitFor();
    await workbench.screenshot('03-backlink-followed');
  });

  it('searches by a tag and opens a result', async () => {
    await workbench.openQuickInput('Commons: Search the Knowledge Base', 'Search the knowledge base');
    await workbench.page.keyboard.type('#kubernetes');
    const result = workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Set resource requests and limits on Kubernetes' });
    await result.waitFor();
    const rows = await workbench.page.locator('.quick-input-widget .monaco-list-row').count();
    assert.strictEqual(rows, 3, 'three entries carry #kubernetes (one through the k8s alias)');
    await workbench.screenshot('04-search-by-tag');
    await result.click();
    await activeTab().filter({ hasText: 'kubernetes-resource-limits.md' }).waitFor();
    await workbench.screenshot('05-search-result-open');
  });
});
