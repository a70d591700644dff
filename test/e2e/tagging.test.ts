// A contributor tagging an entry in the real editor: the unknown tag is underlined, a tag is
// completed from the vocabulary, and a quick fix adds the unknown tag to commons.yml.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { copyOfSample, openWorkbench, type Workbench } from './workbench';


describe('a contributor tagging an entry', () => {
  let workbench: Workbench;
  let folder: string;

  before(async () => {
    folder = copyOfSample('tagging');
    workbench = await openWorkbench({ folder });
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const page = () => workbench.page;

  async function goToLine(line: number): Promise<void> {
    await page().keyboard.press('Control+G');
    await page().keyboard.type(String(line));
    await page().keyboard.press('Enter');
  }

  it('sees the unknown tag underlined', async () => {
    await page().keyboard.press('Control+P');
    await page().keyboard.type('renovate-terraform');
    await page().locator('.quick-input-widget .monaco-list-row', { hasText: 'renovate-terraform-providers.md' }).first().waitFor();
    await page().keyboard.press('Enter');
    await page().locator('.tabs-container .tab.active', { hasText: 'renovate-terraform-providers.md' }).waitFor();
    await page().locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('tagging-01-unknown-tag');
  });

  it('completes a tag from the vocabulary', async () => {
    await goToLine(4);
    await page().keyboard.press('End');
    await page().keyboard.press('ArrowLeft');
    await page().keyboard.type(', obs');
    const suggestion = page().locator('.suggest-widget .monaco-list-row', { hasText: 'observability/metrics' }).first();
    await suggestion.waitFor({ timeout: 30_000 });
    await workbench.screenshot('tagging-02-completion');
    await suggestion.click();
    await page().locator('.view-lines', { hasText: 'tags: [dependencies, terraform, observability/metrics]' }).waitFor();
  });

  it('adds the unknown tag to the vocabulary with a quick fix', async () => {
    // The diagnostics follow typing after a short pause; ask for fixes once they have caught up.
    await page().locator('.monaco-editor .squiggly-warning').first().waitFor();
    const tagsLine = page().locator('.view-lines .view-line', { hasText: 'tags: [' });
    await tagsLine.locator('span', { hasText: /^terraform$/ }).first().click();
    await page().keyboard.press('Control+.');
    const fix = page().locator('.action-widget .monaco-list-row', { hasText: 'Add "terraform" to the vocabulary' }).first();
    await fix.waitFor({ timeout: 30_000 });
    await workbench.screenshot('tagging-03-quick-fixes');
    // The action list takes keys, not clicks (a pointer block covers it while it opens).
    for (let i = 0; i < 5 && !((await fix.getAttribute('class')) ?? '').includes('focused'); i++) await page().keyboard.press('ArrowDown');
    await page().keyboard.press('Enter');
    await page().locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.screenshot('tagging-04-fixed');
    assert.match(fs.readFileSync(path.join(folder, 'commons.yml'), 'utf8'), /\n {2}terraform: \{\}\n/);
  });

  it('renames a tag across the knowledge base and its vocabulary, after saying what will change', async () => {
    const tagsOf = (file: string): string[] => {
      const front = /^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, 'utf8'));
      return ((front && (jsYaml.load(front[1]) as { tags?: string[] })?.tags) || []).map(String);
    };
    const tagged = fs.readdirSync(path.join(folder, 'docs'), { recursive: true, encoding: 'utf8' })
      .map((file) => path.join(folder, 'docs', file))
      .filter((file) => file.endsWith('.md') && tagsOf(file).includes('guild'));
    assert.ok(tagged.length >= 2, `${tagged.length} entries tagged guild`);
    await workbench.openQuickInput('Commons: Rename or Merge Tag', 'Rename or merge which tag?');
    await page().keyboard.type('guild');
    await workbench.quickPickSelect('guild');
    await page().locator('.quick-input-widget .quick-input-title', { hasText: 'Rename "guild"' }).waitFor();
    await page().keyboard.press('Control+A');
    await page().keyboard.type('community');
    await page().keyboard.press('Enter');
    const dialog = page().locator('.monaco-dialog-box', { hasText: 'Rename #guild to #community?' });
    await dialog.waitFor({ timeout: 30_000 });
    assert.match((await dialog.textContent()) ?? '', new RegExp(`${tagged.length} entries will be edited.*commons\\.yml will declare "community"`));
    await workbench.screenshot('tagging-05-rename-confirm');
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Rename' }).click();
    // The edited files are saved by code-server's auto save (after a delay).
    for (let i = 0; i < 100; i++) {
      const renamed = tagged.every((file) => tagsOf(file).includes('community') && !tagsOf(file).includes('guild'));
      if (renamed && /\n {2}community:\n/.test(fs.readFileSync(path.join(folder, 'commons.yml'), 'utf8'))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const file of tagged) assert.ok(tagsOf(file).includes('community') && !tagsOf(file).includes('guild'), file);
    assert.match(fs.readFileSync(path.join(folder, 'commons.yml'), 'utf8'), /\n {2}community:\n {4}description: How the guild itself works\./);
    await workbench.screenshot('tagging-06-renamed');
  });
});
