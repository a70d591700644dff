import * as assert from 'node:assert/strict';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { runChecks } from '../../src/core/checks/runChecks';
import { parseEntryText } from '../../src/core/entryParser';
import { wikiKey } from '../../src/core/markdownScan';
import { removalFindings } from '../../src/core/git/reviewDiff';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

const CONFIG = 'tags:\n  kubernetes: { aliases: [k8s] }\n  observability: {}\nvocabulary: closed\n';

async function load(files: Record<string, string>) {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/kb/${k}`, v])));
  const kb = new KnowledgeBase('/kb', fs);
  await kb.load();
  return { fs, kb };
}

describe('knowledge base index', () => {
  it('indexes tags hierarchically, by type and by person', async () => {
    const { kb } = await load({
      'commons.yml': CONFIG,
      'a.md': '---\ntype: how-to\ntags: [k8s, observability/logging]\nauthors: ["Ana <ANA@example.com>"]\n---\n',
      'b.md': '---\ntags: [observability/metrics]\nowner: ana@example.com\n---\n',
    });
    assert.equal(kb.index.tagCounts().get('observability'), 2);
    assert.deepEqual([...kb.index.withTag('kubernetes')], ['a.md']);
    assert.deepEqual([...kb.index.withType('how-to')], ['a.md']);
    assert.deepEqual([...kb.index.byPersonId('ana@example.com')].sort(), ['a.md', 'b.md']);
  });

  it('finds entries whose names are written in another Unicode form than the links to them', async () => {
    // A file named on macOS often has decomposed accents (NFD); links typed elsewhere are composed (NFC).
    const decomposed = 'Cafe\u0301 cre\u0300me.md';
    const composed = 'Caf\u00e9 cr\u00e8me';
    const { kb } = await load({
      [`docs/${decomposed}`]: '# Dessert\n',
      'docs/a.md': `[markdown](${encodeURI(composed)}.md) [[${composed}]] [[caf\u00e9 CR\u00c8ME]]\n`,
    });
    const entry = `docs/${decomposed}`;
    assert.deepEqual(kb.index.outgoing('docs/a.md').map((one) => one.targets), [[entry], [entry], [entry]]);
    assert.deepEqual(kb.index.backlinks(entry), ['docs/a.md']);
    assert.deepEqual(kb.index.brokenLinks(), []);
    const findings = runChecks(kb).filter((f) => f.file === 'docs/a.md');
    // Resolved, but a web server or another file system compares the bytes: the Markdown link is flagged, the wikilinks are not.
    assert.deepEqual(findings.map((f) => [f.rule, f.column]), [['link-case', 1]]);
    assert.match(findings[0].message, /another Unicode form/);
  });

  it('says of a link written with backslashes where it leads with slashes, as cpp-docs has a few', async () => {
    const { kb } = await load({
      'docs/a.md': '# A\nSee [b](..\\guide\\b.md#setup) and [c](..\\nowhere\\c.md).\n',
      'guide/b.md': '# B\n',
    });
    const findings = runChecks(kb).filter((f) => f.file === 'docs/a.md');
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.column, f.subject]), [
      ['link-backslash', 'warning', 5, '..\\guide\\b.md'],
      ['broken-link', 'warning', 34, '..\\nowhere\\c.md'],
    ]);
    assert.equal(findings[0].message, 'link ..\\guide\\b.md is written with backslashes, which only Windows reads as folders: with slashes it leads to guide/b.md');
    assert.deepEqual(findings[0].fix?.suggestions, ['guide/b.md']);
  });

  it('names files and folders it cannot read, rather than leaving them out in silence', async () => {
    const fs = new MemoryFileSystem({ '/kb/ok.md': '# Ok\n', '/kb/secret.md': '# Secret\n', '/kb/locked/in.md': '# In\n' });
    fs.denied.add('/kb/secret.md');
    fs.denied.add('/kb/locked');
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    assert.deepEqual([...kb.index.paths()].sort(), ['ok.md', 'secret.md']);
    const findings = runChecks(kb).map((f) => `${f.file}:${f.line} ${f.severity} [${f.rule}] ${f.message}`);
    assert.deepEqual(findings, [
      'locked:1 warning [skipped-file] folder cannot be read (EACCES: permission denied): the entries in it are left out',
      'secret.md:1 warning [skipped-file] file cannot be read (EACCES: permission denied): skipped',
    ]);
    // Once readable again, both come back and the findings go.
    fs.denied.clear();
    await kb.load();
    assert.deepEqual([...kb.index.paths()].sort(), ['locked/in.md', 'ok.md', 'secret.md']);
    assert.deepEqual(runChecks(kb), []);
  });

  it('makes an unreadable folder of the entries an error, so that a check of nothing fails', async () => {
    for (const [files, denied, folder] of [
      [{ '/kb/ok.md': '# Ok\n' }, '/kb', '.'],
      [{ '/kb/commons.yml': 'entries: docs\n', '/kb/docs/ok.md': '# Ok\n' }, '/kb/docs', 'docs'],
    ] as const) {
      const fs = new MemoryFileSystem({ ...files });
      fs.denied.add(denied);
      const kb = new KnowledgeBase('/kb', fs);
      await kb.load();
      const findings = runChecks(kb).map((f) => `${f.file}:${f.line} ${f.severity} [${f.rule}] ${f.message}`);
      assert.deepEqual(findings, [`${folder}:1 error [skipped-file] the folder of the entries cannot be read (EACCES: permission denied): no entry is read`]);
    }
  });

  it('follows an explicit dendron:// target over the label before the bar', async () => {
    const { kb } = await load({
      'tags.feature.backlinks.md': '---\ntitle: Backlinks\n---\n',
      'dendron.topic.links.backlink.md': '# Backlink\n',
      'a.md': '[[backlinks|dendron://dendron.dendron-site/dendron.topic.links.backlink#usage]] [[dendron.topic.links.backlink|backlinks]]\n',
    });
    const [explicit, plain] = kb.index.outgoing('a.md');
    assert.deepEqual(explicit.targets, ['dendron.topic.links.backlink.md']);
    assert.equal(explicit.link.heading, 'usage');
    assert.deepEqual(plain.targets, ['dendron.topic.links.backlink.md']);
  });

  it('says what removing an entry breaks elsewhere: links to it, as a contribution leaves them, and learning paths', async () => {
    const { kb } = await load({
      'commons.yml': 'paths:\n  - name: First week\n    entries:\n      - docs/gone.md\n',
      'docs/gone.md': '# Gone\n',
      'docs/a.md': '# A\nSee [gone](gone.md) and [[Gone]].\n',
      'docs/b.md': '# B\n[gone](gone.md)\n',
      'docs/c.md': '# C\n[gone](gone.md)\n',
    });
    // The contribution also edits b.md (dropping its link) and removes c.md.
    const after = new Map([['docs/b.md', parseEntryText('docs/b.md', '# B\nNo link now.\n', { size: 1, mtimeMs: 1 }, kb.parseContext)], ['docs/c.md', undefined]]);
    const findings = removalFindings(kb, 'docs/gone.md', after).map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`);
    assert.deepEqual(findings, [
      'docs/a.md:2 broken-link link Gone leads here, and breaks once this entry is removed',
      'docs/a.md:2 broken-link link gone.md leads here, and breaks once this entry is removed',
      'commons.yml:4 learning-path the learning path "First week" lists this entry, and would have a gap',
    ]);
  });

  it('resolves links, backlinks and broken links', async () => {
    const { kb } = await load({
      'docs/a.md': '# A\n[to b](b.md) [[c]] [[Gone]] [up](../missing.md)\n',
      'docs/b.md': '# Bee\nBack to [[A]]\n',
      'c.md': '---\ntitle: Sea\n---\n',
    });
    assert.deepEqual(kb.index.backlinks('docs/b.md'), ['docs/a.md']);
    assert.deepEqual(kb.index.backlinks('c.md'), ['docs/a.md']);
    assert.deepEqual(kb.index.backlinks('docs/a.md'), ['docs/b.md']);
    assert.deepEqual(kb.index.brokenLinks().map((b) => b.link.target).sort(), ['../missing.md', 'Gone']);
  });

  it('resolves wikilinks by path, with or without the extension, and lists them as backlinks', async () => {
    const { kb } = await load({
      'from.md': '# From\n[[d/x.markdown]] [[d/y]] [[c.markdown]] [[D/Y.md]]\n',
      'd/x.markdown': '# X\n',
      'd/y.md': '# Y\n',
      'c.markdown': '# C\n',
    });
    assert.deepEqual(kb.index.outgoing('from.md').map((o) => o.targets), [['d/x.markdown'], ['d/y.md'], ['c.markdown'], ['d/y.md']]);
    for (const target of ['d/x.markdown', 'd/y.md', 'c.markdown']) assert.deepEqual(kb.index.backlinks(target), ['from.md'], target);
    assert.deepEqual(kb.index.brokenLinks(), []);
  });

  it('honours .gitignore, ignore patterns, dot folders and node_modules', async () => {
    const { kb } = await load({
      'commons.yml': 'ignore: ["drafts/**"]\n',
      '.gitignore': 'build/\n*.tmp.md\n',
      'keep.md': '# k',
      'drafts/d.md': '# d',
      'build/b.md': '# b',
      'x.tmp.md': '# t',
      '.github/pr.md': '# p',
      'node_modules/pkg/readme.md': '# n',
      'sub/.gitignore': 'secret.md\n',
      'sub/secret.md': '# s',
      'sub/open.md': '# o',
    });
    assert.deepEqual([...kb.index.paths()].sort(), ['keep.md', 'sub/open.md']);
  });

  it('honours the .gitignore files of the folders above it, up to the top of its git work tree, as git does', async () => {
    const fs = new MemoryFileSystem({
      '/repo/.git/HEAD': 'ref: refs/heads/main\n',
      '/repo/.git/info/exclude': 'docs/kb/local/\n',
      '/repo/.gitignore': 'docs/kb/drafts/\n*.gen.md\n',
      '/repo/docs/.gitignore': '/kb/build/\n',
      // Above the work tree: not git's to read, nor Commons'.
      '/.gitignore': 'keep.md\n',
      '/repo/docs/kb/keep.md': '# k',
      '/repo/docs/kb/drafts/d.md': '# d',
      '/repo/docs/kb/x.gen.md': '# g',
      '/repo/docs/kb/build/b.md': '# b',
      '/repo/docs/kb/local/l.md': '# l',
      '/repo/docs/kb/sub/build/ok.md': '# o',
      '/plain/.gitignore': 'a.md\n',
      '/plain/kb/a.md': '# a',
    });
    const kb = new KnowledgeBase('/repo/docs/kb', fs);
    await kb.load();
    assert.deepEqual([...kb.index.paths()].sort(), ['keep.md', 'sub/build/ok.md']);
    fs.set('/repo/docs/kb/drafts/new.md', '# new');
    fs.set('/repo/docs/kb/new.gen.md', '# new');
    await kb.applyFileEvents([{ path: 'drafts/new.md', kind: 'changed' }, { path: 'new.gen.md', kind: 'changed' }]);
    assert.deepEqual([...kb.index.paths()].sort(), ['keep.md', 'sub/build/ok.md'], 'files the watcher reports too');
    // Outside any git work tree, no .gitignore above the knowledge base applies.
    const plain = new KnowledgeBase('/plain/kb', fs);
    await plain.load();
    assert.deepEqual([...plain.index.paths()], ['a.md']);
  });

  it('lets a deeper .gitignore re-include what a higher one ignores, except below an ignored folder, as git does', async () => {
    // What `git ls-files --others --exclude-standard` lists for the same files. sub/build is
    // ignored by kb/.gitignore and re-included by sub/.gitignore; kb/.gitignore's *.tmp.md still
    // counts below it.
    const files: Record<string, string> = {
      '/repo/.git/HEAD': 'ref: refs/heads/main\n',
      '/repo/.git/info/exclude': '*.local.md\n',
      '/repo/.gitignore': '*.gen.md\n!x.md\n',
      '/repo/docs/.gitignore': 'x.md\n',
      '/repo/docs/kb/.gitignore': '*.draft.md\ndrafts/\nbuild/\n!shared.local.md\n!kept.gen.md\n*.tmp.md\n',
      '/repo/docs/kb/sub/.gitignore': '!keep.draft.md\n!build/\n',
      '/repo/docs/kb/drafts/.gitignore': '!d.md\n',
    };
    const entries = ['a.md', 'x.md', 'shared.local.md', 'mine.local.md', 'kept.gen.md', 'other.gen.md', 'sub/keep.draft.md', 'sub/x.draft.md', 'sub/build/ok.md', 'sub/build/a.tmp.md', 'drafts/d.md', 'deep/build/no.md', 'other/y.draft.md'];
    for (const entry of entries) files[`/repo/docs/kb/${entry}`] = '# t';
    const fs = new MemoryFileSystem(files);
    const kb = new KnowledgeBase('/repo/docs/kb', fs);
    await kb.load();
    const gitLists = ['a.md', 'kept.gen.md', 'shared.local.md', 'sub/build/ok.md', 'sub/keep.draft.md'];
    assert.deepEqual([...kb.index.paths()].sort(), gitLists);
    assert.deepEqual(entries.filter((entry) => kb.isEntryPath(entry)).sort(), gitLists, 'files the watcher reports');
  });

  it('reads ignore patterns from the root or from the entries folder, for walks and watched files alike', async () => {
    for (const pattern of ['drafts/**', 'docs/drafts/**', 'drafts/', '/drafts/']) {
      const { kb, fs } = await load({
        'commons.yml': `entries: docs\nignore: ["${pattern}", "!drafts/keep.md"]\n`,
        'docs/a.md': '# a',
        'docs/drafts/x.md': '# x',
        'docs/drafts/keep.md': '# keep',
        'docs/more/drafts/y.md': '# y',
      });
      // A negation brings back a file of an ignored folder only where the folder itself is not ignored, as in git.
      const expected = {
        'drafts/**': ['docs/a.md', 'docs/drafts/keep.md', 'docs/more/drafts/y.md'],
        'docs/drafts/**': ['docs/a.md', 'docs/more/drafts/y.md'],
        'drafts/': ['docs/a.md'],
        '/drafts/': ['docs/a.md', 'docs/more/drafts/y.md'],
      }[pattern];
      assert.deepEqual([...kb.index.paths()].sort(), expected, pattern);
      fs.set('/kb/docs/drafts/new.md', '# new');
      await kb.applyFileEvents([{ path: 'docs/drafts/new.md', kind: 'changed' }]);
      assert.ok(!kb.index.get('docs/drafts/new.md'), pattern);
    }
  });

  it('applies nested .gitignore files to files the watcher reports, and reloads when one changes', async () => {
    const fs = new MemoryFileSystem({
      '/kb/a.md': '# a',
      '/kb/sub/.gitignore': 'secret.md\ndrafts/\n',
      '/kb/sub/deeper/.gitignore': '*.wip.md\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    for (const path of ['sub/secret.md', 'sub/drafts/d.md', 'sub/deeper/x.wip.md', 'sub/open.md', 'sub/deeper/x.md', 'secret.md']) fs.set(`/kb/${path}`, '# new');
    const reload = await kb.applyFileEvents(['sub/secret.md', 'sub/drafts/d.md', 'sub/deeper/x.wip.md', 'sub/open.md', 'sub/deeper/x.md', 'secret.md'].map((path) => ({ path, kind: 'changed' as const })));
    assert.equal(reload, false);
    assert.deepEqual([...kb.index.paths()].sort(), ['a.md', 'secret.md', 'sub/deeper/x.md', 'sub/open.md']);
    assert.equal(await kb.applyFileEvents([{ path: '.venv/lib/.gitignore', kind: 'changed' }]), false, 'a folder Commons never reads');
    fs.set('/kb/sub/.gitignore', 'open.md\n');
    assert.equal(await kb.applyFileEvents([{ path: 'sub/.gitignore', kind: 'changed' }]), true);
    await kb.load();
    assert.deepEqual([...kb.index.paths()].sort(), ['a.md', 'secret.md', 'sub/deeper/x.md', 'sub/drafts/d.md', 'sub/secret.md']);
  });

  it('keeps nothing from text parsed outside the index, such as an editor typing', async () => {
    const { kb } = await load({ 'a.md': '---\ntags: [one]\nauthors: [Ana]\ncreated: 2024-01-02\n---\n' });
    const before = kb.stringPool.size;
    for (let i = 0; i < 50; i++) {
      parseEntryText('a.md', `---\ntags: [typing-${i}]\nauthors: [Someone ${i}]\ncreated: 2024-02-${10 + (i % 18)}\nx${i}: 1\n---\n`, { size: 0, mtimeMs: 0 }, kb.parseContext);
    }
    assert.equal(kb.stringPool.size, before);
  });

  it('does not follow symbolic links to folders, so loops end', async () => {
    const fs = new MemoryFileSystem({ '/kb/a.md': '# a' });
    fs.symlink('/kb/loop', '/kb');
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    assert.deepEqual([...kb.index.paths()], ['a.md']);
  });

  it('keeps working with defaults when commons.yml is broken', async () => {
    const { kb } = await load({ 'commons.yml': 'tags: [a\n', 'a.md': '# A' });
    assert.equal(kb.index.size, 1);
    assert.equal(kb.configFindings[0].rule, 'config');
    assert.equal(runChecks(kb)[0].file, 'commons.yml');
  });

  it('finds unknown tags, aliases, missing fields, duplicate titles and bad statuses', async () => {
    const { kb } = await load({
      'commons.yml': CONFIG,
      'a.md': '---\ntitle: Same\ntype: how-to\ntags: [k8s, kubernets]\n---\n',
      'b.md': '---\ntitle: Same\ntype: question\nstatus: pending\n---\n',
    });
    const rules = runChecks(kb).map((f) => `${f.file}:${f.rule}:${f.severity}`).sort();
    assert.deepEqual(rules, [
      'a.md:duplicate-title:warning',
      'a.md:tag-alias:info',
      'a.md:unknown-tag:error',
      'b.md:duplicate-title:warning',
      'b.md:required-field:error',
      'b.md:unknown-status:error',
    ]);
    const unknown = runChecks(kb).find((f) => f.rule === 'unknown-tag')!;
    assert.deepEqual(unknown.fix?.suggestions, ['kubernetes']);
    assert.equal(unknown.line, 4);
    assert.equal(unknown.subject, 'kubernets');
  });

  it('reports review and creation dates that are not dates', async () => {
    const { kb } = await load({
      'a.md': '---\ntitle: A\nreviewed: last week\ncreated: "2026-02-30"\n---\n',
      'b.md': '---\ntitle: B\nreviewed: 2026-02-27\ncreated: "2024-01-31T10:00:00Z"\n---\n',
      // Dendron writes milliseconds since 1970.
      'c.md': '---\ntitle: C\nreviewed: 1639113925844\ncreated: 1596374871\n---\n',
    });
    const findings = runChecks(kb).map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`);
    assert.deepEqual(findings, [
      'a.md:3 date-field "reviewed" is "last week", not a date (YYYY-MM-DD): when it is due for review is worked out from the entry\'s last change instead',
      'a.md:4 date-field "created" is "2026-02-30", not a date (YYYY-MM-DD): it is not used',
    ]);
    // Written without quotes too, where YAML readers roll it over to March 2nd: by the fast reader
    // and, when something else in the front matter needs it, by js-yaml.
    const plain = await load({
      'd.md': '---\nreviewed: 2026-02-30\n---\n',
      'e.md': '---\nreviewed: 2025-13-01\nnote: |\n  a block\n---\n',
      'f.md': '---\nreviewed: 2026-02-28\nnote: |\n  a block\n---\n',
    });
    assert.deepEqual(runChecks(plain.kb).map((f) => `${f.file} ${f.message.split(':')[0]}`), ['d.md "reviewed" is "2026-02-30", not a date (YYYY-MM-DD)', 'e.md "reviewed" is "2025-13-01", not a date (YYYY-MM-DD)']);
    assert.equal(plain.kb.index.get('f.md')!.reviewed, '2026-02-28');
  });

  it('skips files over the size cap with a finding', async () => {
    const { kb } = await load({ 'commons.yml': 'maxFileSize: 10\n', 'big.md': '# ' + 'x'.repeat(100) });
    const entry = kb.index.get('big.md')!;
    assert.equal(entry.skipped, true);
    assert.match(entry.findings[0].message, /larger than/);
  });
});

describe('vocabulary', () => {
  it('knows children and parents of vocabulary tags', async () => {
    const { Vocabulary } = await import('../../src/core/vocabulary');
    const vocabulary = new Vocabulary({ 'databases/migrations': { aliases: [], stewards: [] }, kubernetes: { aliases: ['k8s'], stewards: [] } });
    assert.ok(vocabulary.isKnown('databases'));
    assert.ok(vocabulary.isKnown('kubernetes/ingress'));
    assert.ok(vocabulary.isKnown('K8S'));
    assert.ok(!vocabulary.isKnown('data'));
  });

  it('suggests only tags a few slips away, never far ones', async () => {
    const { Vocabulary } = await import('../../src/core/vocabulary');
    const vocabulary = new Vocabulary(Object.fromEntries(['databases/migrations', 'dependencies', 'observability', 'kubernetes'].map((tag) => [tag, { aliases: [], stewards: [] }])));
    assert.deepEqual(vocabulary.nearest('unknown-tag-zz'), []);
    assert.deepEqual(vocabulary.nearest('kubernets'), ['kubernetes']);
    assert.deepEqual(vocabulary.nearest('observabilityy'), ['observability']);
  });
});

describe('answers', () => {
  it('accepts root-relative and entry-relative answers, and flags ones that lead nowhere', async () => {
    const fs = new MemoryFileSystem({
      '/kb/docs/questions/q.md': '---\ntype: question\n---\n',
      '/kb/docs/how-to/a.md': '---\nanswers: docs/questions/q.md\n---\n',
      '/kb/docs/how-to/b.md': '---\nanswers: ../questions/q.md\n---\n',
      '/kb/docs/how-to/c.md': '---\nanswers: docs/questions/gone.md\n---\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    assert.deepEqual(runChecks(kb).filter((f) => f.rule === 'answers-missing').map((f) => f.file), ['docs/how-to/c.md']);
  });
});

describe('empty sections', () => {
  it('flags an unanswered template prompt, but not the answer of a question still open', async () => {
    const question = (status: string) => `---\ntype: question\nstatus: ${status}\n---\n# Q\n\n## What I tried\n\n<!-- prompt -->\n\n## Answer\n\n<!-- Filled in when answered. -->\n`;
    const { kb } = await load({ 'open.md': question('open'), 'answered.md': question('answered') });
    const empty = runChecks(kb).filter((f) => f.rule === 'empty-section').map((f) => `${f.file} ${f.subject}`);
    assert.deepEqual(empty.sort(), ['answered.md Answer', 'answered.md What I tried', 'open.md What I tried']);
  });
});

describe('broken-link findings', () => {
  it('quote a wikilink whole, both sides of its bar and its heading', async () => {
    const { kb } = await load({ 'a.md': '---\ntitle: A\n---\n[[here|pkg.gone]] [[Gone#Part]]\n' });
    const messages = runChecks(kb).filter((f) => f.rule === 'broken-link').map((f) => f.message);
    assert.deepEqual(messages, ['link [[here|pkg.gone]] does not lead to an entry', 'link [[Gone#Part]] does not lead to an entry']);
  });
});

describe('tags written in a shape that holds no tags', () => {
  it('are reported where they are written, not dropped in silence', async () => {
    const { kb } = await load({
      'map.md': '---\ntitle: M\ntags: {a: 1}\n---\n',
      'nested.md': '---\ntitle: N\ntags:\n  - [a, b]\n  - c\n---\n',
      'fine.md': '---\ntitle: F\ntags: [a, 2, 2024-01-01]\n---\n',
    });
    const shapes = runChecks(kb).filter((f) => f.rule === 'tags-shape').map((f) => `${f.file}:${f.line}`);
    assert.deepEqual(shapes.sort(), ['map.md:3', 'nested.md:3']);
  });
});

describe('learning paths', () => {
  it('name an entry they list that does not exist, at its line of commons.yml', async () => {
    const { kb } = await load({
      'commons.yml': 'paths:\n  - name: First week\n    entries:\n      - a.md\n      - docs/nope.md\n',
      'a.md': '---\ntitle: A\n---\n',
    });
    const findings = runChecks(kb).filter((f) => f.rule === 'learning-path');
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.message]), [['commons.yml', 5, 'the learning path "First week" lists docs/nope.md, which is not an entry']]);
  });

  it('read the paths of their entries as entries: is read, whatever ./, // or .. they are written with', async () => {
    const { kb } = await load({
      'commons.yml': 'paths:\n  - name: First week\n    entries: [./docs/a.md, docs//a.md, docs/x/../a.md, "docs/a.md/"]\n',
      'docs/a.md': '---\ntitle: A\n---\n',
    });
    assert.deepEqual(kb.config.paths[0].entries, ['docs/a.md', 'docs/a.md', 'docs/a.md', 'docs/a.md']);
    assert.deepEqual(runChecks(kb).filter((f) => f.rule === 'learning-path'), []);
    assert.equal(removalFindings(kb, 'docs/a.md', new Map()).filter((f) => f.rule === 'learning-path').length, 1, 'a removal review sees it listed');
  });
});

describe('ambiguous wikilinks', () => {
  it('are noted with the entries they could lead to', async () => {
    const { kb } = await load({
      'a/commands.md': '---\ntitle: Commands\n---\n',
      'b/commands.md': '---\ntitle: Commands\n---\n',
      'c.md': '---\ntitle: C\n---\n[[Commands]] [[a/commands]]\n',
    });
    const notes = runChecks(kb).filter((f) => f.rule === 'ambiguous-link');
    assert.deepEqual(notes.map((f) => [f.file, f.severity, f.message]), [['c.md', 'info', 'link [[Commands]] could lead to 2 entries (a/commands.md, b/commands.md): name one by its file name or path']]);
  });

  it('lead to the entry whose file name they are before entries whose title they are', async () => {
    const { kb } = await load({
      'README.md': '---\ntitle: Dendron\n---\n',
      'vault/dendron.md': '---\ntitle: Home\n---\n',
      'vault/a.md': '---\ntitle: A\n---\n[[dendron]] [[Home]]\n',
    });
    assert.deepEqual(kb.index.outgoing('vault/a.md').map((one) => one.targets), [['vault/dendron.md'], ['vault/dendron.md']]);
    assert.deepEqual(kb.index.backlinks('README.md'), []);
    assert.deepEqual(kb.index.backlinks('vault/dendron.md'), ['vault/a.md']);
    assert.deepEqual(runChecks(kb).filter((f) => f.rule === 'ambiguous-link'), []);
  });

  it('are not what a link to an entry is written as: its title, file name or path, whichever leads to it alone', async () => {
    const { kb } = await load({
      'a/commands.md': '---\ntitle: Commands\n---\n',
      'b/commands.md': '---\ntitle: Commands\n---\n',
      'vault/dendron.topic.lookup.md': '---\ntitle: Lookup\n---\n',
      'vault/tags.lookup.md': '---\ntitle: Lookup\n---\n',
      'vault/dendron.md': '---\ntitle: Home\n---\n',
      'c.md': '---\ntitle: "C# [basics]"\n---\n',
      'n/note.md': '---\ntitle: Note\n---\n',
      'n/note.markdown': '---\ntitle: Note\n---\n',
    });
    // Title and file name are shared, and the path without its extension leads to the .md: the whole path.
    assert.equal(kb.index.wikiNameFor('n/note.markdown'), 'n/note.markdown');
    const names = ['a/commands.md', 'vault/dendron.topic.lookup.md', 'vault/tags.lookup.md', 'vault/dendron.md', 'c.md'].map((path) => kb.index.wikiNameFor(path));
    assert.deepEqual(names, ['a/commands', 'dendron.topic.lookup', 'tags.lookup', 'Home', 'c']);
    // The file name first, as a broken link's quick fix writes it.
    assert.equal(kb.index.wikiNameFor('vault/dendron.md', true), 'dendron');
    for (const [at, path] of ['a/commands.md', 'vault/dendron.topic.lookup.md', 'vault/tags.lookup.md', 'vault/dendron.md', 'c.md'].entries()) {
      assert.deepEqual(kb.index.resolve({ kind: 'wiki', target: names[at]!, key: wikiKey(names[at]!), line: 1, column: 1 }), [path]);
    }
  });
});
