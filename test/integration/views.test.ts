// The views in a real extension host, asserted through the extension's API (the providers VS Code
// itself renders), on a copy of test/fixtures/basic-kb made into a git repository by the runner.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';
import { eventually } from './helpers';

type Node = unknown;
let api: CommonsApi;

async function labels(viewId: string, node?: Node): Promise<string[]> {
  const provider = api.views[viewId];
  const children = (await provider.getChildren(node)) ?? [];
  return Promise.all(children.map(async (child) => String((await provider.getTreeItem(child)).label)));
}

async function child(viewId: string, label: string, parent?: Node): Promise<Node> {
  const provider = api.views[viewId];
  for (const node of (await provider.getChildren(parent)) ?? []) {
    if (String((await provider.getTreeItem(node)).label) === label) return node;
  }
  throw new Error(`${viewId}: no "${label}" under ${parent ? 'the node' : 'the root'}; found ${(await labels(viewId, parent)).join(', ')}`);
}

async function item(viewId: string, node: Node): Promise<vscode.TreeItem> {
  return api.views[viewId].getTreeItem(node);
}


const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

describe('views', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!;
    api = await extension.activate();
    await api.service.whenReady();
    await eventually(() => assert.ok(api.service.sessions[0]?.history.commits.length, 'git history read'));
  });

  it('Topics shows folders and entry titles, with tags and type icons', async () => {
    // Earlier suites remove the entries they wrote; the watcher may still be catching up.
    await eventually(async () =>
      assert.deepStrictEqual(await labels('commons.topics'), ['Code review', 'How do we quarantine a flaky test?', 'Roll out a service to the cluster', 'Welcome to the guild']),
    );
    const deploy = await item('commons.topics', await child('commons.topics', 'Roll out a service to the cluster'));
    assert.strictEqual(deploy.description, '#kubernetes #deploy');
    assert.strictEqual((deploy.iconPath as vscode.ThemeIcon).id, 'tools');
    assert.strictEqual(deploy.command?.command, 'vscode.open');
  });

  it('Topics shows the hierarchy of dotted names in a Dendron workspace', async () => {
    const vault = path.join(root(), 'dendron-vault');
    const notes: Record<string, string> = {
      'root.md': '# Root\n',
      'dendron.md': '# Dendron\n',
      'dendron.topic.md': '# Topics\n',
      'dendron.topic.schema.md': '# Schemas\n',
      'dendron.topic.pod.md': '# Pods\n',
      'careers.writer.md': '# Technical Writer\n',
    };
    fs.mkdirSync(vault, { recursive: true });
    const session = () => api.service.sessions.find((one) => one.name === 'Notes');
    try {
      for (const [name, text] of Object.entries(notes)) fs.writeFileSync(path.join(vault, name), text);
      fs.writeFileSync(path.join(vault, 'dendron.yml'), 'version: 5\n');
      fs.writeFileSync(path.join(vault, 'commons.yml'), 'name: Notes\n');
      await eventually(() => assert.equal(session()?.kb.index.size, 6), 15_000);
      const notesNode = await child('commons.topics', 'Notes');
      await eventually(async () => assert.deepStrictEqual(await labels('commons.topics', notesNode), ['careers', 'Dendron', 'Root']));
      const careers = await child('commons.topics', 'careers', notesNode);
      const group = await item('commons.topics', careers);
      assert.strictEqual(group.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.strictEqual(group.description, '1');
      assert.deepStrictEqual(await labels('commons.topics', careers), ['Technical Writer']);
      const dendron = await child('commons.topics', 'Dendron', notesNode);
      const dendronItem = await item('commons.topics', dendron);
      assert.strictEqual(dendronItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'an entry with entries below it');
      assert.strictEqual(dendronItem.command?.command, 'vscode.open');
      const topics = await child('commons.topics', 'Topics', dendron);
      assert.deepStrictEqual(await labels('commons.topics', topics), ['Pods', 'Schemas']);
      assert.strictEqual((await item('commons.topics', await child('commons.topics', 'Pods', topics))).collapsibleState, vscode.TreeItemCollapsibleState.None);
      // The workspace's own knowledge base has no dendron.yml: its Topics stay folders and titles.
      await eventually(async () => {
        const own = await child('commons.topics', api.service.sessions.find((one) => one.kb.root === root())!.name);
        assert.ok((await labels('commons.topics', own)).includes('Welcome to the guild'));
      }, 15_000);
    } finally {
      fs.rmSync(vault, { recursive: true, force: true });
    }
    await eventually(() => assert.ok(!session()), 15_000);
    await api.service.whenReady();
  });

  it('Tags lists tags with counts, aliases resolved, descriptions in tooltips', async () => {
    await eventually(async () => assert.deepStrictEqual(await labels('commons.tags'), ['Tidy up', 'deploy', 'kubernetes', 'onboarding', 'review', 'testing']));
    const kubernetes = await item('commons.tags', await child('commons.tags', 'kubernetes'));
    assert.strictEqual(kubernetes.description, '1');
    assert.match((kubernetes.tooltip as vscode.MarkdownString).value, /Running workloads on our clusters/);
    assert.match((kubernetes.tooltip as vscode.MarkdownString).value, /Stewards: ana@example\\?\.com/);
    const testing = await child('commons.tags', 'testing');
    assert.deepStrictEqual(await labels('commons.tags', testing), ['Code review', 'How do we quarantine a flaky test?']);
  });

  it('People merges front matter and git history, most active first', async () => {
    const people = await labels('commons.people');
    assert.ok(people.includes('Ana Lima'), people.join(', '));
    assert.ok(people.includes('Ben Okafor'), people.join(', '));
    assert.ok(people.indexOf('Ana Lima') < people.indexOf('cy'), people.join(', '));
    const ana = await child('commons.people', 'Ana Lima');
    assert.match(String((await item('commons.people', ana)).description), /2 entries/);
    const anaChildren = await labels('commons.people', ana);
    assert.ok(anaChildren.some((label) => label.startsWith('Knows: ')), anaChildren.join(', '));
  });

  it('Questions shows open questions with their age', async () => {
    const open = await child('commons.questions', 'Open');
    assert.deepStrictEqual(await labels('commons.questions', open), ['How do we quarantine a flaky test?']);
    const question = (await api.views['commons.questions'].getChildren(open))![0];
    assert.match(String((await item('commons.questions', question)).description), /^asked .* ago$/);
  });

  it('Start here shows the learning path and checks entries once opened', async () => {
    const firstWeek = await child('commons.paths', 'First week');
    const welcomeIcon = async () => ((await item('commons.paths', await child('commons.paths', '1. Welcome to the guild', await child('commons.paths', 'First week')))).iconPath as vscode.ThemeIcon).id;
    // Earlier suites may have shown code-review.md (a tag rename edits it): only the welcome entry is this test's.
    assert.match(String((await item('commons.paths', firstWeek)).description), /^[01]\/2 read$/);
    assert.strictEqual(await welcomeIcon(), 'circle-large-outline');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root(), 'docs', 'welcome.md')));
    await eventually(async () => assert.strictEqual(await welcomeIcon(), 'pass-filled'));
    const again = await child('commons.paths', 'First week');
    assert.match(String((await item('commons.paths', again)).description), /^[12]\/2 read$/);
  });

  it('Start here follows an entry renamed in VS Code: commons.yml names its new path, and it stays read', async () => {
    const docs = path.join(root(), 'docs');
    const config = path.join(root(), 'commons.yml');
    const rename = async (from: string, to: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(vscode.Uri.file(path.join(docs, from)), vscode.Uri.file(path.join(docs, to)));
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(docs, 'welcome.md')));
    await rename('welcome.md', 'hello.md');
    try {
      await eventually(async () => {
        assert.match(fs.readFileSync(config, 'utf8'), /entries: \[docs\/hello\.md, docs\/code-review\.md\]/);
        const firstWeek = await child('commons.paths', 'First week');
        assert.strictEqual((await item('commons.paths', firstWeek)).description, '1/2 read');
        assert.deepStrictEqual(await labels('commons.paths', firstWeek), ['1. Welcome to the guild', '2. Code review']);
      });
    } finally {
      await rename('hello.md', 'welcome.md');
      await eventually(() => assert.match(fs.readFileSync(config, 'utf8'), /entries: \[docs\/welcome\.md, docs\/code-review\.md\]/));
    }
  });

  it('makes wikilinks links the editor follows, to the entry and its heading', async () => {
    const file = path.join(root(), 'docs', 'wikilinks-follow.md');
    fs.writeFileSync(file, '---\ntitle: Wikilinks to follow\n---\nSee [[Code review]], [[flaky-tests]] and [[nowhere]].\n');
    try {
      const document = await vscode.workspace.openTextDocument(file);
      await eventually(async () => {
        const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri)) ?? [];
        const wiki = links.filter((link) => document.getText(link.range).startsWith('[['));
        assert.deepStrictEqual(wiki.map((link) => [document.getText(link.range), path.basename(link.target!.fsPath)]), [['[[Code review]]', 'code-review.md'], ['[[flaky-tests]]', 'flaky-tests.md']]);
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('leads a wikilink to the heading it names by its anchor, on either side of its bar', async () => {
    const file = path.join(root(), 'docs', 'wikilinks-heading.md');
    fs.writeFileSync(file, '---\ntitle: Wikilinks to headings\n---\nSee [[Code review#code-review]] and [[the practice|code-review#code-review]].\n');
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const headingLine = fs.readFileSync(path.join(root(), 'docs', 'code-review.md'), 'utf8').split('\n').indexOf('# Code review');
      await eventually(async () => {
        const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri)) ?? [];
        const wiki = links.filter((link) => document.getText(link.range).startsWith('[['));
        assert.deepStrictEqual(wiki.map((link) => link.target!.fragment), [`L${headingLine + 1}`, `L${headingLine + 1}`]);
      });
      const line = document.lineAt(3).text;
      for (const character of [line.indexOf('Code review#'), line.indexOf('the practice')]) {
        const found = (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(3, character))) ?? [];
        assert.deepStrictEqual(found.map((d) => ('targetRange' in d ? d.targetRange : d.range).start.line), [headingLine]);
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('goes to the entry a wikilink names with Go to Definition (F12) and Peek, as Ctrl+click does', async () => {
    const file = path.join(root(), 'docs', 'wikilinks-define.md');
    fs.writeFileSync(file, '---\ntitle: Wikilinks to go to\n---\nSee [[Code review]] and [[nowhere]].\n');
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const definitions = (character: number) =>
        vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(3, character));
      await eventually(async () => {
        const found = (await definitions(10)) ?? [];
        assert.deepStrictEqual(found.map((d) => path.basename(('targetUri' in d ? d.targetUri : d.uri).fsPath)), ['code-review.md']);
      });
      assert.deepStrictEqual(await definitions(30), [], 'a broken link leads nowhere');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('hovers a link anywhere on it, Markdown link or wikilink, and not on the text beside it', async () => {
    const file = path.join(root(), 'docs', 'hover-links.md');
    const body = 'See [the practice of code review](code-review.md) today and [[flaky-tests]] here.';
    fs.writeFileSync(file, `---\ntitle: Links to hover\n---\n${body}\n`);
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const hoverText = async (character: number) => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(3, character))) ?? [];
        return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      };
      await eventually(async () => assert.match(await hoverText(body.indexOf('the practice')), /Code review/));
      assert.match(await hoverText(body.indexOf('review.md') + 2), /Code review/, 'on the path of a Markdown link');
      assert.match(await hoverText(body.indexOf('flaky-tests') + 3), /quarantine a flaky test/);
      assert.doesNotMatch(await hoverText(body.indexOf(' here') + 1), /quarantine a flaky test/, 'on the word after a wikilink');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('Links shows outgoing links and backlinks of the active entry', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root(), 'docs', 'code-review.md')));
    await eventually(async () => {
      const backlinks = await child('commons.links', 'Backlinks');
      assert.deepStrictEqual(await labels('commons.links', backlinks), ['Welcome to the guild']);
    });
  });

  it('Links names a broken link as it is written, both sides of its bar (Dendron writes [[label|target]])', async () => {
    const file = path.join(root(), 'docs', 'links-broken.md');
    fs.writeFileSync(file, '---\ntitle: Broken links to show\n---\nSee [[Details|nowhere.note#details]] and [[gone]].\n');
    try {
      await vscode.window.showTextDocument(vscode.Uri.file(file));
      await eventually(async () => {
        const broken = await child('commons.links', 'Broken links');
        assert.deepStrictEqual(await labels('commons.links', broken), ['[[Details|nowhere.note#details]]', '[[gone]]']);
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(file, { force: true });
    }
  });

  it('Review lists entries due for review', async () => {
    const due = await child('commons.review', 'Due for review');
    const titles = await labels('commons.review', due);
    assert.ok(titles.includes('Code review'), titles.join(', '));
    assert.ok(titles.includes('Roll out a service to the cluster'), 'no reviewed date: its last commit (2024) counts');
  });

  it('Review lists contribution branches with the entries they change, as diffs', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Cy', '-c', 'user.email=cy@example.com', ...args], { cwd: root(), encoding: 'utf8' });
    git('checkout', '-q', '-b', 'kb/canary-notes');
    fs.writeFileSync(path.join(root(), 'docs', 'canary-notes.md'), '---\ntitle: Canary notes\n---\n# Canary notes\n');
    git('add', 'docs/canary-notes.md');
    git('commit', '-q', '-m', 'Canary notes');
    git('checkout', '-q', 'main');
    await vscode.commands.executeCommand('commons.fetchContributions');
    await eventually(async () => {
      const group = await child('commons.review', 'Contributions');
      const branch = await child('commons.review', 'kb/canary-notes', group);
      assert.match(String((await item('commons.review', branch)).description), /^Cy · today · \+1 ~0 -0 · checks pass$/);
      const entry = (await api.views['commons.review'].getChildren(branch))![0];
      const entryItem = await item('commons.review', entry);
      assert.strictEqual(entryItem.command?.command, 'vscode.diff');
      const after = entryItem.command!.arguments![1] as vscode.Uri;
      assert.match((await vscode.workspace.openTextDocument(after)).getText(), /# Canary notes/);
    }, 10_000);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('commons.reviewContribution', 'kb/canary-notes');
    assert.strictEqual(panel.title, 'Review kb/canary-notes');
    assert.match(panel.webview.html, /Canary notes <span class="badge added">added<\/span>/);
    assert.match(panel.webview.html, /Content-Security-Policy/);
    panel.dispose();
  });

  it('Tags offers to tidy up an alias used as a tag, merging with a preview', async () => {
    const tidy = await child('commons.tags', 'Tidy up');
    const merge = await child('commons.tags', 'k8s → kubernetes', tidy);
    const mergeItem = await item('commons.tags', merge);
    assert.deepStrictEqual([mergeItem.command?.command, ...(mergeItem.command?.arguments ?? [])], ['commons.renameTag', 'k8s', 'kubernetes']);
  });

  it('search finds entries by title words and by #tag', () => {
    assert.deepStrictEqual(api.search(api.service, 'quarantine').map((r) => r.path), ['docs/flaky-tests.md']);
    assert.deepStrictEqual(api.search(api.service, '#testing').map((r) => r.path).sort(), ['docs/code-review.md', 'docs/flaky-tests.md']);
    assert.deepStrictEqual(api.search(api.service, '#kubernetes').map((r) => r.path), ['docs/deploy-to-k8s.md']);
    assert.deepStrictEqual(api.search(api.service, '#k8s').map((r) => r.path), ['docs/deploy-to-k8s.md'], 'an alias finds its tag');
    assert.deepStrictEqual(api.search(api.service, '#kube').map((r) => r.path), ['docs/deploy-to-k8s.md'], 'the start of a tag, as it is typed');
  });

  it('a file written on disk reaches the views, and a deleted one leaves them', async () => {
    const file = path.join(root(), 'docs', 'new-lesson.md');
    fs.writeFileSync(file, '---\ntitle: Canary first\ntype: lesson\ntags: [deploy, canary]\n---\n# Canary first\nSee [[Welcome to the guild]].\n');
    await eventually(async () => assert.ok((await labels('commons.topics')).includes('Canary first')));
    await eventually(async () => assert.ok((await labels('commons.tags')).includes('canary')));
    fs.unlinkSync(file);
    await eventually(async () => assert.ok(!(await labels('commons.topics')).includes('Canary first')));
    await eventually(async () => assert.ok(!(await labels('commons.tags')).includes('canary')));
  });

  it('a folder moved in whole reaches the index, and one deleted whole leaves it, as a reload would find', async () => {
    const session = api.service.sessions[0];
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-folder-'));
    fs.mkdirSync(path.join(outside, 'deep'));
    fs.writeFileSync(path.join(outside, 'one.md'), '---\ntitle: Moved one\n---\n');
    fs.writeFileSync(path.join(outside, 'deep', 'Two.Md'), '---\ntitle: Moved two\n---\n');
    const moved = path.join(root(), 'docs', 'moved');
    // A rename within one file system: the watcher sees the folder arrive, and nothing for its files.
    fs.renameSync(outside, moved);
    await eventually(() => assert.deepStrictEqual([...session.kb.index.paths()].filter((p) => p.startsWith('docs/moved/')).sort(), ['docs/moved/deep/Two.Md', 'docs/moved/one.md']));
    fs.renameSync(moved, outside);
    await eventually(() => assert.deepStrictEqual([...session.kb.index.paths()].filter((p) => p.startsWith('docs/moved/')), []));
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('links follow an entry renamed in VS Code: saved where the linking entry was saved, left alone where it has unsaved text', async () => {
    const session = api.service.sessions[0];
    const folder = path.join(root(), 'docs', 'following');
    const file = (name: string) => path.join(folder, name);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file('target.md'), '---\ntitle: Follow me\n---\n# Follow me\n');
    fs.writeFileSync(file('saved.md'), '---\ntitle: Saved linker\n---\nSee [it](target.md#follow-me), [[target]] and [[Follow me]].\n');
    fs.writeFileSync(file('unsaved.md'), '---\ntitle: Unsaved linker\n---\nSee [it](./target.md).\n');
    try {
      await eventually(() => assert.deepStrictEqual(session.kb.index.backlinks('docs/following/target.md').sort(), ['docs/following/saved.md', 'docs/following/unsaved.md']));
      const unsaved = await vscode.window.showTextDocument(vscode.Uri.file(file('unsaved.md')));
      await unsaved.edit((edit) => edit.insert(new vscode.Position(4, 0), 'Not saved yet.\n'));
      assert.ok(unsaved.document.isDirty, 'unsaved before the rename');
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(vscode.Uri.file(file('target.md')), vscode.Uri.file(path.join(folder, 'deeper', 'renamed.md')));
      assert.ok(await vscode.workspace.applyEdit(edit));
      await eventually(() =>
        assert.strictEqual(fs.readFileSync(file('saved.md'), 'utf8'), '---\ntitle: Saved linker\n---\nSee [it](deeper/renamed.md#follow-me), [[renamed]] and [[Follow me]].\n'),
      );
      // The unsaved document keeps its text and its unsaved state: nothing was saved for its author.
      assert.ok(unsaved.document.isDirty, 'still unsaved');
      assert.strictEqual(unsaved.document.getText(), '---\ntitle: Unsaved linker\n---\nSee [it](./target.md).\nNot saved yet.\n');
      assert.strictEqual(fs.readFileSync(file('unsaved.md'), 'utf8'), '---\ntitle: Unsaved linker\n---\nSee [it](./target.md).\n');
      await eventually(() => assert.deepStrictEqual(session.kb.index.backlinks('docs/following/deeper/renamed.md'), ['docs/following/saved.md']));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(folder, { recursive: true, force: true });
      await eventually(() => assert.deepStrictEqual([...session.kb.index.paths()].filter((p) => p.startsWith('docs/following/')), []));
    }
  });

  it('links follow a folder moved in VS Code, to the entries inside it', async () => {
    const session = api.service.sessions[0];
    const folder = path.join(root(), 'docs', 'folder-before');
    const moved = path.join(root(), 'docs', 'folder-after');
    const linker = path.join(root(), 'docs', 'folder-linker.md');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'inner.md'), '---\ntitle: Inner\n---\n');
    fs.writeFileSync(linker, '---\ntitle: Folder linker\n---\nSee [inner](folder-before/inner.md) and [[docs/folder-before/inner]].\n');
    try {
      await eventually(() => assert.deepStrictEqual(session.kb.index.backlinks('docs/folder-before/inner.md'), ['docs/folder-linker.md']));
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(vscode.Uri.file(folder), vscode.Uri.file(moved));
      assert.ok(await vscode.workspace.applyEdit(edit));
      await eventually(() => assert.strictEqual(fs.readFileSync(linker, 'utf8'), '---\ntitle: Folder linker\n---\nSee [inner](folder-after/inner.md) and [[docs/folder-after/inner]].\n'));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(moved, { recursive: true, force: true });
      fs.rmSync(linker, { force: true });
      await eventually(() => assert.deepStrictEqual([...session.kb.index.paths()].filter((p) => p.startsWith('docs/folder-')), []));
    }
  });

  it('the commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['commons.refresh', 'commons.search', 'commons.init', 'commons.showLog']) assert.ok(commands.includes(id), id);
  });
});
