// The CLI through its main(): exit codes, formats, edits and safety with hostile input.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { TempRepo } from './gitRepo';
import { tempFolder } from './tempFolder';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code: number;
  try {
    code = await main(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  } catch (error) {
    err += (error as Error).message;
    code = 2;
  }
  return { code, out, err };
}

function kb(files: Record<string, string>): string {
  const dir = tempFolder('commons-cli');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const CONFIG = 'vocabulary: closed\ntags:\n  kubernetes: { aliases: [k8s] }\n  testing: {}\n';

describe('commons CLI', () => {
  it('check exits 0 when clean and 1 on errors, in text, json and github formats', async () => {
    const clean = kb({ 'commons.yml': CONFIG, 'a.md': '---\ntags: [testing]\n---\n# A\n' });
    assert.equal((await run('check', clean)).code, 0);
    const dirty = kb({ 'commons.yml': CONFIG, 'docs/a.md': '---\ntitle: A\ntags: [kubernets]\n---\n' });
    const text = await run('check', dirty);
    assert.equal(text.code, 1);
    assert.match(text.out, /a\.md:3:8: error \[unknown-tag\] tag "kubernets"/);
    const json = JSON.parse((await run('check', dirty, '--format', 'json')).out);
    assert.equal(json[0].rule, 'unknown-tag');
    const github = await run('check', dirty, '--format', 'github');
    assert.match(github.out, /^::error file=.*docs\/a\.md,line=3,col=8,title=commons unknown-tag::tag "kubernets"/m);
  });

  it('prints its version, and refuses words a command does not take', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.deepEqual(await run('--version'), { code: 0, out: `${version}\n`, err: '' });
    const dir = kb({ 'a.md': '---\ntitle: A\n---\n' });
    const extra = await run('stats', dir, 'junk');
    assert.equal(extra.code, 2);
    assert.match(extra.err, /unexpected argument for stats: junk/);
    assert.equal((await run('tags', 'rename', 'a', 'b', dir, 'more')).code, 2);
    assert.equal((await run('tags', 'list', dir, 'more')).code, 2);
    assert.match((await run('constructor')).err, /unknown command "constructor"/);
  });

  it('tags rename names an entry it cannot write, edits the others and says how many were not edited', async function () {
    // Root writes any file: the folder's permissions stop no one there.
    if (process.platform === 'win32' || process.getuid?.() === 0) this.skip();
    const dir = kb({ 'a.md': '---\ntags: [ops]\n---\n', 'locked/b.md': '---\ntags: [ops]\n---\n', 'c.md': '---\ntags: [ops]\n---\n' });
    fs.chmodSync(path.join(dir, 'locked', 'b.md'), 0o444);
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    try {
      const renamed = await run('tags', 'rename', 'ops', 'operations', dir);
      assert.equal(renamed.code, 1);
      assert.match(renamed.err, /^not edited locked\/b\.md: it cannot be written \(EACCES: permission denied\)$/m);
      assert.match(renamed.out, /2 files updated, 1 not edited/);
      assert.equal(fs.readFileSync(path.join(dir, 'c.md'), 'utf8'), '---\ntags: [operations]\n---\n');
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('leaves a commons.yml that is not UTF-8 as it is, rather than renaming a tag in it and losing its other characters', async () => {
    const dir = kb({ 'a.md': '---\ntags: [ops]\n---\n' });
    const latin1 = Buffer.from('name: Gu\xefld\ntags:\n  ops: { description: caf\xe9 }\n', 'latin1');
    fs.writeFileSync(path.join(dir, 'commons.yml'), latin1);
    const renamed = await run('tags', 'rename', 'ops', 'operations', dir);
    assert.equal(renamed.code, 2);
    assert.match(renamed.err, /commons\.yml:1: commons\.yml is not UTF-8 text/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'commons.yml')), latin1);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), '---\ntags: [ops]\n---\n');
    assert.equal((await run('check', dir)).code, 2);
  });

  it('finds commons.yml in the folders above, but not above the git work tree it is run in', async () => {
    const outer = kb({ 'commons.yml': 'vocabulary: closed\ntags:\n  mine: {}\n', 'personal.md': '---\ntags: [mine]\n---\n' });
    const repo = path.join(outer, 'repo');
    fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    fs.writeFileSync(path.join(repo, 'docs', 'a.md'), '---\ntitle: A\ntags: [theirs]\n---\n');
    // The repository has no commons.yml: it is checked with the defaults, on its own files only.
    for (const dir of [repo, path.join(repo, 'docs')]) {
      const checked = await run('check', dir);
      assert.equal(checked.code, 0, checked.out);
      const counted = JSON.parse((await run('stats', dir, '--json')).out);
      assert.equal(counted.entries, 1, dir);
      assert.deepEqual(Object.keys(counted.tags), ['theirs'], dir);
    }
    // Once it has one, a subfolder finds it.
    fs.writeFileSync(path.join(repo, 'commons.yml'), 'vocabulary: closed\ntags:\n  theirs: {}\n');
    assert.equal((await run('check', path.join(repo, 'docs'))).code, 0);
    // Outside git, the nearest commons.yml above still counts.
    const plain = path.join(outer, 'plain');
    fs.mkdirSync(plain);
    fs.writeFileSync(path.join(plain, 'b.md'), '---\ntags: [other]\n---\n');
    assert.equal((await run('check', plain)).code, 1);
  });

  it('reports a commons.yml that is there but cannot be read, in check and in stats', async () => {
    const dir = kb({ 'a.md': '---\ntitle: A\n---\n' });
    fs.mkdirSync(path.join(dir, 'commons.yml'));
    const checked = await run('check', dir);
    assert.equal(checked.code, 2);
    assert.match(checked.out, /commons\.yml cannot be read/);
    const counted = await run('stats', dir, '--json');
    assert.equal(counted.code, 2);
    assert.match(counted.err, /commons\.yml:1: commons\.yml cannot be read/);
    assert.equal(JSON.parse(counted.out).entries, 1, 'the figures are still printed');
  });

  it('exits 2 on usage errors and on a broken commons.yml', async () => {
    assert.equal((await run('check', '--format', 'xml')).code, 2);
    assert.equal((await run('frobnicate')).code, 2);
    const broken = kb({ 'commons.yml': 'tags: [a\n', 'a.md': '# A' });
    const result = await run('check', broken);
    assert.equal(result.code, 2);
    assert.match(result.out, /commons\.yml:\d+:\d+: error \[config\]/);
  });

  it('says a broken commons.yml in every command; tags rename, tags merge and new then write nothing', async () => {
    const config = 'name: G\nfields: { tags: keywords }\ntags:\n  kubernetes: { aliases: [k8s] }\nname: G2\n';
    const entry = '---\ntitle: A\nkeywords: [legacy, k8s]\ntags: [legacy]\n---\n';
    const dir = kb({ 'commons.yml': config, 'a.md': entry });
    const said = /commons\.yml:5: commons\.yml names a key twice: Map keys must be unique.*\(the first is used\)/;
    for (const args of [['tags', 'rename', 'legacy', 'old'], ['tags', 'merge', 'legacy', 'kubernetes'], ['new', 'how-to', 'X', '--tags', 'k8s']]) {
      const result = await run(...args, dir);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.out}`);
      assert.match(result.err, said, args.join(' '));
      assert.match(result.err, /nothing written, as commons\.yml has 1 error/, args.join(' '));
      assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), entry);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['a.md', 'commons.yml']);
    }
    for (const args of [['tags', 'list'], ['report'], ['stats']]) {
      const result = await run(...args, dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.err, said, args.join(' '));
      assert.ok(result.out.length, `${args.join(' ')} carries on with what it could read`);
    }
    // The rest of the file still counts: keywords are the tags, and k8s is kubernetes.
    assert.match((await run('tags', 'list', dir)).out, /^kubernetes\t1\nlegacy\t1  \(not in vocabulary\)$/m);
  });

  it('new refuses an entries folder that does not exist, as check does, rather than create it', async () => {
    const dir = kb({ 'commons.yml': 'entries: doc\n', 'docs/a.md': '---\ntitle: A\n---\n' });
    const result = await run('new', 'how-to', 'T', dir);
    assert.equal(result.code, 2, result.out);
    assert.match(result.err, /commons\.yml:1: "entries" names doc, which is not a folder of the knowledge base/);
    assert.ok(!fs.existsSync(path.join(dir, 'doc')));
  });

  it('check refuses an entries folder that does not exist or lies outside, rather than pass having read nothing', async () => {
    for (const entries of ['doc', '/etc', '../up']) {
      const dir = kb({ 'commons.yml': `entries: ${entries}\n`, 'docs/a.md': '---\ntitle: A\n---\n' });
      const result = await run('check', dir);
      assert.equal(result.code, 2, `${entries}: ${result.out}`);
      assert.match(result.out, /commons\.yml:1:1: error \[config\] "entries"/);
    }
    assert.equal((await run('check', kb({ 'commons.yml': 'entries: docs/\n', 'docs/a.md': '---\ntitle: A\n---\n' }))).code, 0);
  });

  it('says one entry, not one entries, in stats and in the report', async () => {
    const dir = kb({ 'commons.yml': 'name: Solo\n', 'a.md': '---\ntitle: A\ntags: [only]\n---\n# A\n' });
    assert.match((await run('stats', dir)).out, /^Solo: 1 entry \(/);
    const report = (await run('report', dir)).out;
    assert.match(report, / from 1 entry and /);
    assert.match(report, /<title>only: 1 entry; no steward<\/title>/);
    assert.doesNotMatch(report, /\b1 entries\b/);
  });

  it('stats --json prints the documented figures', async () => {
    const dir = kb({
      'commons.yml': CONFIG,
      'q.md': '---\ntype: question\nstatus: open\ntags: [testing]\n---\n[a](a.md) [b](missing.md)\n',
      'a.md': '---\ntype: how-to\ntags: [k8s]\nanswers: q.md\nauthors: [ana@example.com]\n---\n',
      'bad.md': '---\ntags: [\n---\n',
    });
    const stats = JSON.parse((await run('stats', dir, '--json')).out);
    assert.equal(stats.entries, 3);
    assert.equal(stats.withFrontMatter, 3);
    assert.equal(stats.frontMatterErrors, 1);
    assert.deepEqual(stats.types, { question: 1, 'how-to': 1 });
    assert.deepEqual(stats.tags, { kubernetes: 1, testing: 1 });
    assert.deepEqual(stats.links, { total: 2, broken: 1 });
    assert.deepEqual(stats.questions, { open: 0, answered: 1 });
    assert.equal(stats.people, 1);
    assert.equal(typeof stats.dueForReview, 'number');
    const proto = JSON.parse((await run('stats', kb({ 'p.md': '---\ntags: [__proto__, x]\n---\n' }), '--json')).out);
    assert.ok(Object.hasOwn(proto.tags, '__proto__') && proto.tags.x === 1, JSON.stringify(proto.tags));
  });

  it('report --out refuses a folder, naming the file to give instead', async () => {
    const dir = kb({ 'a.md': '---\ntitle: A\n---\n' });
    const result = await run('report', dir, '--out', dir);
    assert.equal(result.code, 2);
    assert.match(result.err, /give a file name/);
  });

  it('report links to files whose names hold # or ? so that they still lead there', async () => {
    const dir = kb({ 'docs/c#-q?.md': '---\ntitle: "C# q"\ntype: question\ntags: [x]\n---\n' });
    assert.match((await run('report', dir)).out, /\]\(<docs\/c%23-q%3F\.md>\)/);
    const out = path.join(dir, 'out', 'h#1.md');
    const written = await run('report', dir, '--out', out);
    assert.equal(written.code, 0, written.err);
    assert.match(written.out, /and 5 charts beside it/);
    const report = fs.readFileSync(out, 'utf8');
    assert.match(report, /\]\(<\.\.\/docs\/c%23-q%3F\.md>\)/);
    const chart = /!\[[^\]]*\]\((h%231-[^)]+\.svg)\)/.exec(report)?.[1];
    assert.ok(chart && fs.existsSync(path.join(dir, 'out', decodeURIComponent(chart))), report);
  });

  it('tags rename edits only tag text and refuses unparsable files by name', async () => {
    const dir = kb({
      'a.md': '---\n# comment\ntitle: \'A\'\ntags: [k8s, x]\ncreated: 2020-01-01\n---\nk8s in body stays\n',
      'b.md': '---\ntags:\n  - k8s\n---\n',
      'c.md': '---\ntags: [k8s\n---\n',
    });
    const result = await run('tags', 'rename', 'k8s', 'kubernetes', dir);
    assert.equal(result.code, 1);
    assert.match(result.err, /not edited c\.md: its front matter could not be read \(line 3: invalid YAML: /);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), '---\n# comment\ntitle: \'A\'\ntags: [kubernetes, x]\ncreated: 2020-01-01\n---\nk8s in body stays\n');
    assert.equal(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), '---\ntags:\n  - kubernetes\n---\n');
    assert.equal(fs.readFileSync(path.join(dir, 'c.md'), 'utf8'), '---\ntags: [k8s\n---\n');
    await run('tags', 'merge', 'x', 'kubernetes', dir);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8').split('\n')[3], 'tags: [kubernetes]');
  });

  it('tags rename and merge refuse a tag into itself, a comma and a tag nobody uses, and keep a byte order mark', async () => {
    const a = '---\ntags: [alpha, beta]\n---\n';
    const bom = '\ufeff---\ntags: [alpha]\n---\nText\n';
    const dir = kb({ 'a.md': a, 'bom.md': bom });
    for (const args of [['rename', 'alpha', 'alpha'], ['merge', 'alpha', 'alpha'], ['rename', 'alpha', ' alpha '], ['rename', ' alpha', 'alpha'], ['rename', 'alpha', 'x, y'], ['rename', 'gamma', 'delta'], ['rename', 'alpha', 'Alpha/python']]) {
      const result = await run('tags', ...args, dir);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.out}${result.err}`);
      assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), a);
      assert.equal(fs.readFileSync(path.join(dir, 'bom.md'), 'utf8'), bom);
    }
    assert.match((await run('tags', 'rename', 'alpha', 'alpha', dir)).err, /same tag/);
    assert.match((await run('tags', 'rename', 'gamma', 'delta', dir)).err, /no entry is tagged "gamma"/);
    assert.match((await run('tags', 'rename', 'alpha', 'alpha/python', dir)).err, /a tag cannot move into its own children/);
    assert.equal((await run('tags', 'rename', 'alpha', 'omega', dir)).code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), '---\ntags: [omega, beta]\n---\n');
    assert.deepEqual([...fs.readFileSync(path.join(dir, 'bom.md')).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(fs.readFileSync(path.join(dir, 'bom.md'), 'utf8'), bom.replace('alpha', 'omega'));
  });

  it('tags rename renames the tag in the vocabulary too, so a closed vocabulary still knows it', async () => {
    const dir = kb({ 'commons.yml': CONFIG, 'a.md': '---\ntags: [testing]\n---\n' });
    const result = await run('tags', 'rename', 'testing', 'quality', dir);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /updated commons\.yml/);
    assert.equal(fs.readFileSync(path.join(dir, 'commons.yml'), 'utf8'), CONFIG.replace('testing: {}', 'quality: {}'));
    assert.equal((await run('check', dir)).code, 0);
  });

  it('tags rename changes every spelling tags list counts as the tag: other letter cases and child tags', async () => {
    const dir = kb({
      'commons.yml': 'tags:\n  ops: { description: Operations }\n  ops/k8s-notes: { description: child }\n',
      'a.md': '---\ntags: [Ops]\n---\n',
      'b.md': '---\ntags:\n  - "ops/k8s-notes"\n---\n',
      'c.md': '---\ntags: ops, k8s,other\n---\n',
      'd.md': '---\nbase: &t [ops]\ntags: *t\n---\n',
      // Not a child of ops: without a declaration, letter case makes another tag, as tags list shows.
      'e.md': '---\ntags: [OPS-team/x, Opsx/y]\n---\n',
    });
    const before = (await run('tags', 'list', dir)).out;
    assert.match(before, /^ops\t4\tOperations$/m);
    const result = await run('tags', 'rename', 'ops', 'operations', dir);
    assert.equal(result.code, 1, 'one file cannot be edited');
    assert.match(result.err, /not edited d\.md: its "tags" is shared with another field through a YAML anchor \(&name, \*name\): edit it by hand/);
    // Child tags are other tags' names: said, so that no one is surprised.
    assert.match(result.out, /^with its child tag: "ops\/k8s-notes" -> "operations\/k8s-notes"$/m);
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    assert.equal(read('a.md'), '---\ntags: [operations]\n---\n');
    assert.equal(read('b.md'), '---\ntags:\n  - "operations/k8s-notes"\n---\n');
    assert.equal(read('c.md'), '---\ntags: operations, k8s,other\n---\n');
    assert.equal(read('e.md'), '---\ntags: [OPS-team/x, Opsx/y]\n---\n');
    assert.equal(read('commons.yml'), 'tags:\n  operations: { description: Operations }\n  operations/k8s-notes: { description: child }\n');
    const after = (await run('tags', 'list', dir)).out;
    assert.match(after, /^ops\t1  \(not in vocabulary\)$/m, 'only d.md, which was not edited, carries it still');
    assert.match(after, /^operations\t3\tOperations$/m);
  });

  it('tags merge changes aliases too; renaming an alias renames it in the vocabulary', async () => {
    const config = 'vocabulary: closed\ntags:\n  kubernetes: { aliases: [k8s] }\n  ops: {}\n';
    const dir = kb({ 'commons.yml': config, 'a.md': '---\ntags: [K8s, ops]\n---\n', 'b.md': '---\ntags: [kubernetes]\n---\n' });
    const renamedAlias = await run('tags', 'rename', 'k8s', 'kube', dir);
    assert.equal(renamedAlias.code, 0, renamedAlias.err);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), '---\ntags: [kube, ops]\n---\n');
    assert.equal(fs.readFileSync(path.join(dir, 'commons.yml'), 'utf8'), config.replace('[k8s]', '[kube]'));
    assert.equal((await run('check', dir)).code, 0, 'kube is known, as an alias');
    const merged = await run('tags', 'merge', 'kubernetes', 'ops', dir);
    assert.equal(merged.code, 0, merged.err);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), '---\ntags: [ops]\n---\n');
    assert.equal(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), '---\ntags: [ops]\n---\n');
    assert.doesNotMatch((await run('tags', 'list', dir)).out, /^kubernetes\t[1-9]/m);
  });

  it('new writes fields under the names the knowledge base maps them to, one line of title, each tag once', async () => {
    const dir = kb({ 'commons.yml': 'fields: { tags: helpviewer_keywords, summary: description }\n' });
    const result = await run('new', 'how-to', 'Use vcpkg\nin CI', '--tags', 'b,a,b', dir);
    assert.equal(result.code, 0, result.err);
    const text = fs.readFileSync(path.join(dir, result.out.trim()), 'utf8');
    assert.match(text, /^helpviewer_keywords: \[b, a\]$/m);
    assert.match(text, /^description: $/m);
    assert.doesNotMatch(text, /^(tags|summary):/m);
    assert.match(text, /^title: Use vcpkg in CI$/m);
    assert.match(text, /^# Use vcpkg in CI$/m);
  });

  it('new writes into the folder holding nearly all entries when commons.yml names none, as a Dendron vault/', async () => {
    const files: Record<string, string> = { 'README.md': '# Site\n', 'CONTRIBUTING.md': '# Contributing\n', 'questions/old.md': '# Old\n' };
    for (let i = 0; i < 20; i++) files[`vault/note.${i}.md`] = `# Note ${i}\n`;
    files['vault/how-to/one.md'] = '# One\n';
    const dir = kb(files);
    const written = async (type: string) => {
      const result = await run('new', type, `A new ${type}`, dir);
      assert.equal(result.code, 0, result.err);
      return result.out.trim();
    };
    assert.equal(await written('lesson'), 'vault/a-new-lesson.md');
    assert.equal(await written('how-to'), 'vault/how-to/a-new-how-to.md');
    assert.equal(await written('question'), 'questions/a-new-question.md', "a type's folder at the root still counts");
    const spread = kb({ 'guides/a.md': '# A\n', 'guides/b.md': '# B\n', 'notes/c.md': '# C\n', 'README.md': '# Site\n' });
    const result = await run('new', 'lesson', 'Spread out', spread);
    assert.equal(result.out.trim(), 'spread-out.md', 'no folder holds nearly all of them: the root');
    const topical: Record<string, string> = { 'docs/index.md': '# Docs\n' };
    for (let i = 0; i < 8; i++) topical[`docs/api/f${i}.md`] = `# F${i}\n`;
    const deeper = await run('new', 'lesson', 'Not an API', kb(topical));
    assert.equal(deeper.out.trim(), 'docs/not-an-api.md', 'one level only: docs/api is a topic of the entries, not where they live');
  });

  it('new keeps titles that look like numbers as text, and writes an alias as its tag', async () => {
    const dir = kb({ 'commons.yml': CONFIG });
    for (const title of ['0x1F', '1.10', '007', '1e3', 'yes']) {
      const result = await run('new', 'question', title, '--tags', 'k8s,testing,kubernetes', dir);
      assert.equal(result.code, 0, result.err);
      const text = fs.readFileSync(path.join(dir, result.out.trim()), 'utf8');
      assert.match(text, new RegExp(`^title: "${title.replace('.', '\\.')}"$`, 'm'));
      assert.match(text, /^tags: \[kubernetes, testing\]$/m);
    }
    const stats = JSON.parse((await run('stats', dir, '--json')).out);
    assert.equal(stats.questions.open + stats.questions.answered, 5);
    assert.equal((await run('check', dir)).code, 0, 'no alias or unknown-tag finding');
  });

  it('new says when the template commons.yml names cannot be read, and check reports it', async () => {
    const dir = kb({ 'commons.yml': 'types:\n  lesson: { required: [title], template: .commons/templates/mising.md }\n' });
    const result = await run('new', 'lesson', 'What we learned', dir);
    assert.equal(result.code, 0);
    assert.match(result.err, /commons\.yml names the template \.commons\/templates\/mising\.md for lesson, which cannot be read \(ENOENT\): the built-in template is used/);
    const checked = await run('check', dir);
    assert.match(checked.out, /commons\.yml:2:1: warning \[config\] the template of lesson, \.commons\/templates\/mising\.md, is not a file/);
  });

  it('check warns of a template outside the knowledge base, which new passes over for the built-in one', async () => {
    const outer = kb({ 'outside.md': '---\ntitle: Outside\n---\n', 'kb/a.md': '# A\n' });
    const dir = path.join(outer, 'kb');
    for (const template of ['../outside.md', path.join(outer, 'outside.md')]) {
      fs.writeFileSync(path.join(dir, 'commons.yml'), `types:\n  lesson:\n    template: ${template}\n`);
      const checked = await run('check', dir);
      assert.equal(checked.code, 0);
      assert.match(checked.out, /commons\.yml:3:1: warning \[config\] the template of lesson, .*outside\.md, is outside the knowledge base: new lesson entries get the built-in template/, template);
      const created = await run('new', 'lesson', 'Learned', dir);
      assert.match(created.err, /which is outside the knowledge base: the built-in template is used/);
      fs.rmSync(path.join(dir, created.out.trim()));
    }
    // An absolute path into the knowledge base, or one that climbs out and back in, is a template
    // new uses: check says nothing of it.
    fs.writeFileSync(path.join(dir, 'lesson.md'), '---\ntitle: Lesson\n---\n');
    for (const template of [path.join(dir, 'lesson.md'), '../kb/lesson.md']) {
      fs.writeFileSync(path.join(dir, 'commons.yml'), `types:\n  lesson:\n    template: ${template}\n`);
      const checked = await run('check', dir);
      assert.doesNotMatch(checked.out, /template/, template);
      const created = await run('new', 'lesson', 'Learned', dir);
      assert.doesNotMatch(created.err, /built-in/, template);
      fs.rmSync(path.join(dir, created.out.trim()));
    }
  });

  it('new fills a template\'s quoted placeholders with any title and adds --tags; a template that cannot be filled writes nothing', async () => {
    const template = '---\ntitle: "How to: ${title}"\ntype: how-to\ntags: [howto]\n---\n';
    const dir = kb({ '.commons/templates/how-to.md': template });
    for (const title of ["it's easy", 'Use "q": #1']) {
      const result = await run('new', 'how-to', title, '--tags', 'x', dir);
      assert.equal(result.code, 0, result.err);
      const text = fs.readFileSync(path.join(dir, result.out.trim()), 'utf8');
      assert.equal(text, `---\ntitle: ${JSON.stringify(`How to: ${title}`)}\ntype: how-to\ntags: [howto, x]\n---\n`);
    }
    assert.equal((await run('check', dir)).code, 0);
    fs.writeFileSync(path.join(dir, '.commons/templates/how-to.md'), '---\ntitle: ${title}\n  oops: [\n---\n');
    const refused = await run('new', 'how-to', 'Another', dir);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /nothing written: .*the template \.commons\/templates\/how-to\.md .*not valid YAML/);
    assert.ok(!fs.existsSync(path.join(dir, 'another.md')));
  });

  it('new creates safe, unique file names and never overwrites', async () => {
    const dir = kb({ 'commons.yml': 'entries: docs\n', 'docs/how-to/x.md': '# x' });
    const names: string[] = [];
    for (const title of ['../../etc/passwd', 'CON', 'x'.repeat(300), 'Déploiement 🚀 rapide', '--upload-pack=x', 'Same', 'Same']) {
      const result = await run('new', '--tags', 'a,b', '--', 'how-to', title, dir);
      assert.equal(result.code, 0, result.err);
      names.push(result.out.trim());
    }
    assert.deepEqual(names.map((n) => path.posix.basename(n)), [
      'etc-passwd.md', 'con-entry.md', 'x'.repeat(80) + '.md', 'deploiement-rapide.md', 'upload-pack-x.md', 'same.md', 'same-2.md',
    ]);
    for (const name of names) assert.ok(name.startsWith('docs/how-to/'), name);
    const created = fs.readFileSync(path.join(dir, names[0]), 'utf8');
    assert.match(created, /^---\ntitle: "\.\.\/\.\.\/etc\/passwd"\ntype: how-to\ntags: \[a, b\]/);
    assert.equal(fs.readFileSync(path.join(dir, 'docs/how-to/x.md'), 'utf8'), '# x');
    assert.equal((await run('new', 'nonsense', 'T', dir)).code, 2);
  });

  it('--changed-since checks only changed entries and refuses option-like refs', async () => {
    const repo = new TempRepo();
    repo.write('commons.yml', CONFIG);
    repo.write('old.md', '---\ntags: [nope]\n---\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('new.md', '---\ntags: [alsonope]\n---\n');
    repo.commit('topic');
    const changed = await run('check', repo.dir, '--changed-since', 'main');
    assert.equal(changed.code, 1);
    assert.match(changed.out, /new\.md/);
    assert.doesNotMatch(changed.out, /old\.md/);
    const hostile = await run('check', repo.dir, '--changed-since', '--upload-pack=touch /tmp/commons-pwned');
    assert.equal(hostile.code, 2);
    assert.equal(fs.existsSync('/tmp/commons-pwned'), false);
    assert.equal((await run('check', repo.dir, '--changed-since', '')).code, 2, 'an empty ref is no ref');
    repo.remove();
  });

  it('--changed-since checks everything when commons.yml changed, and the entries linking to a deleted one', async () => {
    const repo = new TempRepo();
    repo.write('commons.yml', 'tags:\n  ok: {}\n  gone: {}\n');
    repo.write('a.md', '---\ntitle: Gone title\ntags: [gone]\n---\n');
    repo.write('b.md', '---\ntags: [ok]\n---\nSee [a](a.md), [[a]] and [[Gone title]].\n');
    repo.write('c.md', '---\ntags: [ok]\n---\n');
    // Its only link names the entry deleted below by its title.
    repo.write('d.md', '---\ntags: [ok]\n---\nSee [[Gone title]].\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('commons.yml', 'tags:\n  ok: {}\nvocabulary: closed\n');
    repo.commit('close the vocabulary');
    const config = await run('check', repo.dir, '--changed-since', 'main');
    assert.equal(config.code, 1, config.out);
    assert.match(config.out, /a\.md.*gone/);
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'delete');
    fs.rmSync(path.join(repo.dir, 'a.md'));
    repo.commit('delete a');
    const deleted = await run('check', repo.dir, '--changed-since', 'main');
    assert.equal(deleted.code, 0, 'broken links are warnings');
    assert.equal(deleted.out.match(/b\.md:\d+:\d+: .*broken-link/g)?.length, 3, deleted.out);
    assert.match(deleted.out, /d\.md:\d+:\d+: .*broken-link.*Gone title/);
    assert.doesNotMatch(deleted.out, /c\.md/);
    // A branch that only changes a .gitignore checks everything too (here: the closed vocabulary's errors).
    repo.git('checkout', '-q', 'topic');
    repo.git('checkout', '-q', '-b', 'ignore');
    repo.write('.gitignore', 'scratch/\n');
    repo.commit('ignore scratch');
    assert.match((await run('check', repo.dir, '--changed-since', 'topic')).out, /a\.md.*gone/);
    repo.remove();
  });

  it('--changed-since checks everything in a knowledge base in a subfolder when a .gitignore above it changed', async () => {
    const repo = new TempRepo();
    repo.write('docs/kb/commons.yml', 'vocabulary: closed\ntags:\n  ok: {}\n');
    repo.write('docs/kb/a.md', '---\ntags: [ok]\n---\nSee [b](b.md).\n');
    repo.write('docs/kb/b.md', '---\ntags: [ok]\n---\n');
    repo.write('src/main.c', 'int main;\n');
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'topic');
    // The repository's own .gitignore, outside the knowledge base, now leaves b.md out of it.
    repo.write('.gitignore', 'docs/kb/b.md\n');
    repo.write('src/main.c', 'int main(void);\n');
    repo.commit('ignore b');
    const result = await run('check', path.join(repo.dir, 'docs/kb'), '--changed-since', 'main');
    assert.match(result.out, /a\.md:\d+:\d+: warning \[broken-link\] link b\.md/, result.out);
    // A .gitignore beside the knowledge base, not above it, changes nothing in it.
    repo.git('checkout', '-q', '-b', 'beside', 'main');
    repo.write('src/.gitignore', '*.o\n');
    repo.commit('ignore objects');
    assert.match((await run('check', path.join(repo.dir, 'docs/kb'), '--changed-since', 'main')).out, /^0 errors, 0 warnings, 0 notes/);
    repo.remove();
  });

  it('--changed-since explains a missing merge base (a shallow clone) as a usage problem', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '---\ntitle: A\n---\n');
    repo.commit('one');
    repo.git('checkout', '-q', '--orphan', 'unrelated');
    repo.write('b.md', '---\ntitle: B\n---\n');
    repo.commit('two');
    const result = await run('check', repo.dir, '--changed-since', 'main');
    assert.equal(result.code, 2);
    assert.match(result.err, /no history in common with HEAD/);
    repo.remove();
  });
});

describe('templates', () => {
  it('adds the chosen tags even when a template writes tags: [] itself', async () => {
    const { renderTemplate } = await import('../../src/core/newEntry');
    const rendered = renderTemplate('---\ntitle: "${title}"\ntags: []\n---\n# ${title}\n', { type: 'how-to', title: 'Say "hi"', tags: ['a', 'b c'], date: '2026-01-01' });
    assert.deepEqual(rendered, { ok: true, text: '---\ntitle: "Say \\"hi\\""\ntags: [a, b c]\n---\n# Say "hi"\n' });
  });

  it('fills placeholders for the quoting they sit in, so the front matter reads back whatever the title holds', async () => {
    const { renderTemplate } = await import('../../src/core/newEntry');
    const { readYaml, splitFrontMatter } = await import('../../src/core/frontMatter');
    const template = [
      '---',
      'title: "How to: ${title}"   # ${title} in a comment',
      "subtitle: 'About ${title}'",
      'plain: ${title}',
      'around: Notes on ${title}',
      'type: ${type}',
      'tags: [howto]',
      'more: [${tags}]',
      'authors: [${author}]',
      'created: ${date}',
      'note: |',
      '  ${title}',
      '---',
      '# ${title}',
      '',
    ].join('\n');
    for (const title of ["it's easy", 'Use "q": #1', 'a \\ b, [c] {d}', '${date}', '- x', 'yes', '1.10']) {
      const request = { type: 'how-to', title, tags: ['x', 'y z'], author: 'Doe, Jane <j@example.com>', date: '2026-01-01' };
      const rendered = renderTemplate(template, request);
      assert.ok(rendered.ok, `${title}: ${!rendered.ok && rendered.reason}`);
      const read = readYaml(splitFrontMatter(rendered.text)!.yaml);
      assert.ok(read.ok && read.strict, `${title}: ${rendered.text}`);
      assert.deepEqual({ ...read.data }, {
        title: `How to: ${title}`,
        subtitle: `About ${title}`,
        plain: title,
        around: `Notes on ${title}`,
        type: 'how-to',
        tags: ['howto', 'x', 'y z'],
        more: ['x', 'y z'],
        authors: ['Doe, Jane <j@example.com>'],
        created: '2026-01-01',
        note: `${title}\n`,
      }, rendered.text);
      assert.ok(rendered.text.includes(`# ${title} in a comment\n`) && rendered.text.endsWith(`---\n# ${title}\n`), rendered.text);
    }
  });

  it('writes extra fields (an answer names its question) in the template\'s own line endings, quoted when they must be', async () => {
    const { renderTemplate } = await import('../../src/core/newEntry');
    const { readYaml, splitFrontMatter } = await import('../../src/core/frontMatter');
    const fields = { answers: 'docs/questions/why: this #1.md' };
    const request = { type: 'how-to', title: 'T', tags: ['x'], date: '2026-01-01', fields };
    for (const eol of ['\n', '\r\n']) {
      const template = ['---', 'title: ${title}', 'answers:', '---', '# ${title}', ''].join(eol);
      const rendered = renderTemplate(template, request);
      assert.ok(rendered.ok, JSON.stringify(rendered));
      const read = readYaml(splitFrontMatter(rendered.text)!.yaml);
      assert.ok(read.ok && read.strict, rendered.text);
      assert.deepEqual({ ...read.data }, { title: 'T', answers: fields.answers, tags: ['x'] }, rendered.text);
      assert.ok(!rendered.text.replace(/\r\n/g, '').includes(eol === '\n' ? '\r' : '\n'), JSON.stringify(rendered.text));
      // A template without the field gets it added.
      const without = renderTemplate(['---', 'title: ${title}', '---', ''].join(eol), request);
      assert.ok(without.ok && without.text.includes(`answers: "docs/questions/why: this #1.md"${eol}`), JSON.stringify(without));
    }
  });

  it('refuses a template that is not valid YAML once filled in, or whose tags cannot be added', async () => {
    const { renderTemplate } = await import('../../src/core/newEntry');
    const request = { type: 'how-to', title: 'T', tags: ['x'], date: '2026-01-01' };
    const broken = renderTemplate('---\ntitle: [${title}\n---\n', request);
    assert.ok(!broken.ok && /not valid YAML \(line \d\)/.test(broken.reason), JSON.stringify(broken));
    const block = renderTemplate('---\ntitle: ${title}\ntags: |\n  a\n---\n', request);
    assert.ok(!block.ok && /"tags" cannot take the tags/.test(block.reason), JSON.stringify(block));
  });
});

describe('code shared from a selection', () => {
  it('fences it with a language name Markdown renderers know', async () => {
    const { fenceLanguage } = await import('../../src/core/newEntry');
    assert.deepEqual(['shellscript', 'typescriptreact', 'plaintext', 'python', 'constructor'].map(fenceLanguage), ['sh', 'tsx', '', 'python', 'constructor']);
  });
});

describe('file names of new entries', () => {
  it('keep the title\'s own script, drop Latin accents, and stay within a file name\'s length', async () => {
    const { fileSlug } = await import('../../src/core/newEntry');
    assert.equal(fileSlug('日本語のメモ: が'), '日本語のメモ-が');
    assert.equal(fileSlug('Café au lait'), 'cafe-au-lait');
    assert.equal(fileSlug('Привет, мир'), 'привет-мир');
    assert.equal(fileSlug('हिन्दी नोट'), 'हिन्दी-नोट', 'vowel signs and viramas stay');
    assert.equal(fileSlug('مُذَكِّرَة'), 'مُذَكِّرَة');
    assert.equal(fileSlug('../../etc/passwd'), 'etc-passwd');
    assert.equal(fileSlug('CON'), 'con-entry');
    assert.equal(fileSlug('!!!'), 'entry');
    const long = fileSlug('語'.repeat(100));
    assert.ok(new TextEncoder().encode(long).length <= 200 && long === '語'.repeat(66), long.length.toString());
    assert.ok(new TextEncoder().encode(fileSlug('word '.repeat(100))).length <= 200);
    assert.equal(fileSlug('𠀀'.repeat(90)), '𠀀'.repeat(50), 'whole characters, never half a surrogate pair');
  });
});

describe('prompt positions', () => {
  it('finds where to answer each empty section, skipping answered ones', async () => {
    const { promptPositions } = await import('../../src/core/newEntry');
    const text = '---\ntitle: T\n---\n# T\n\n## Context\n\n<!-- why -->\n\n## Steps\n\n1. done\n\n## Pitfalls\n\n';
    const positions = promptPositions(text);
    assert.deepEqual(positions.map((p) => text.slice(p - 11, p)), ['## Context\n', '# Pitfalls\n']);
  });
});

describe('CI and pre-commit setup', () => {
  it('init --ci writes a workflow once; hook install writes an executable pre-commit hook once', async () => {
    const repo = new TempRepo();
    repo.write('docs/commons.yml', 'vocabulary: closed\n');
    const kbDir = path.join(repo.dir, 'docs');
    const first = await run('init', '--ci', kbDir);
    assert.equal(first.code, 0, first.err);
    const workflow = repo.read('.github/workflows/commons.yml');
    assert.match(workflow, /BASE_REF: \$\{\{ github\.base_ref \}\}\n +run: \|\n +npx --no-install commons check docs --changed-since "origin\/\$BASE_REF" --format github\n/);
    assert.match(workflow, /fetch-depth: 0/);
    assert.equal((await run('init', '--ci', kbDir)).code, 1, 'an existing workflow is left alone');
    assert.equal((await run('init', kbDir)).code, 2);
    assert.equal((await run('hook', 'install', kbDir)).code, 0);
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    assert.match(fs.readFileSync(hook, 'utf8'), /^kb=docs$/m);
    assert.ok(fs.statSync(hook).mode & 0o100, 'executable');
    assert.equal((await run('hook', 'install', kbDir)).code, 1, 'an existing hook is left alone');
    repo.remove();
  });

  it('the workflow and the hook keep an odd folder name one word, and the hook runs the check', async () => {
    const repo = new TempRepo();
    const odd = `docs/we"ird $(touch INJECTED) 'q' #x`;
    repo.write(`${odd}/commons.yml`, CONFIG);
    repo.write(`${odd}/good.md`, '---\ntitle: Good\ntags: [testing]\n---\n');
    const kbDir = path.join(repo.dir, odd);
    assert.equal((await run('init', '--ci', kbDir)).code, 0);
    const { parse } = await import('yaml');
    const steps = parse(repo.read('.github/workflows/commons.yml')).jobs.check.steps as Array<{ run?: string }>;
    const command = steps[steps.length - 1].run!;
    assert.equal(execFileSync('sh', ['-c', `set -- ${command.split(' check ')[1].split(' --changed-since')[0]}; echo "$#:$1"`], { encoding: 'utf8' }), `1:${odd}\n`);
    assert.equal((await run('hook', 'install', kbDir)).code, 0);
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    const runHook = () => spawnSync('sh', [hook], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } });
    repo.git('add', `${odd}/good.md`);
    const clean = runHook();
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    repo.write(`${odd}/bad.md`, '---\ntags: [nope]\n---\n');
    repo.git('add', `${odd}/bad.md`);
    const failing = runHook();
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /bad\.md/);
    assert.ok(!fs.existsSync(path.join(repo.dir, 'INJECTED')) && !fs.existsSync(path.join(kbDir, 'INJECTED')), 'nothing in the folder name ran');
    repo.remove();
  });

  it('points tag findings at the tag itself, in block lists, flow lists and comma text', async () => {
    const dir = kb({
      'commons.yml': CONFIG,
      'block.md': '---\ntitle: Block\ntags:\n  - testing\n  # a comment naming kubernets\n  - kubernets\n  - k8s\n---\n',
      'flow.md': '---\ntags: [testing, "kubernets"]\n---\n',
      'comma.md': '---\ntags: testing, kubernets\n---\n',
    });
    const result = await run('check', dir);
    assert.match(result.out, /block\.md:6:5: error \[unknown-tag\] tag "kubernets"/);
    assert.match(result.out, /block\.md:7:5: info \[tag-alias\] "k8s"/);
    assert.match(result.out, /flow\.md:2:18: error \[unknown-tag\]/);
    assert.match(result.out, /comma\.md:2:16: error \[unknown-tag\]/);
  });

  it('stats counts as people those who wrote or own entries, not those who only touched other files', async () => {
    const repo = new TempRepo();
    repo.write('commons.yml', 'entries: docs\n');
    repo.write('README.md', '# About\n');
    repo.commit('setup', 'Cy <cy@example.com>');
    repo.write('docs/a.md', '---\nowner: dee@example.com\n---\n# A\n');
    repo.commit('a', 'Ana <ana@example.com>');
    const stats = JSON.parse((await run('stats', repo.dir, '--json')).out);
    assert.equal(stats.people, 2, 'Ana, who committed the entry, and Dee, its owner');
    repo.remove();
  });

  it('check --staged checks only staged entries', async () => {
    const repo = new TempRepo();
    repo.write('commons.yml', CONFIG);
    repo.write('a.md', '---\ntags: [testing]\n---\n');
    repo.commit('base');
    repo.write('staged.md', '---\ntags: [nope]\n---\n');
    repo.write('unstaged.md', '---\ntags: [alsonope]\n---\n');
    repo.git('add', 'staged.md');
    const result = await run('check', repo.dir, '--staged');
    assert.equal(result.code, 1);
    assert.match(result.out, /staged\.md/);
    assert.doesNotMatch(result.out, /unstaged\.md/);
    repo.remove();
  });

  it('check --staged and --changed-since outside a git repository say so, as a usage error', async () => {
    const dir = kb({ 'a.md': '---\ntitle: A\n---\n' });
    const staged = await run('check', dir, '--staged');
    assert.equal(staged.code, 2);
    assert.match(staged.err, /--staged needs a git repository, and .* is not in one/);
    const since = await run('check', dir, '--changed-since', 'main');
    assert.equal(since.code, 2);
    assert.match(since.err, /--changed-since needs a git repository, and .* is not in one/);
  });

  it('check --staged checks the entries whose links a staged removal or rename breaks', async () => {
    const repo = new TempRepo();
    repo.write('a.md', '---\ntitle: A\n---\n');
    repo.write('b.md', '---\ntitle: B\n---\n[a](a.md)\n');
    repo.write('c.md', '---\ntitle: C\n---\n[[A]]\n');
    repo.write('d.md', '---\ntitle: D\n---\n[e](e.md)\n');
    repo.write('e.md', '---\ntitle: E\n---\n');
    repo.commit('base');
    // Removed from the index only: the file stays in the work tree, but the commit will not hold it.
    repo.git('rm', '-q', '--cached', 'a.md');
    repo.git('mv', 'e.md', 'f.md');
    const result = await run('check', repo.dir, '--staged');
    assert.match(result.out, /\/b\.md:4:1: warning \[broken-link\] link a\.md/);
    assert.match(result.out, /\/c\.md:4:1: warning \[broken-link\] link \[\[A\]\]/);
    assert.match(result.out, /\/d\.md:4:1: warning \[broken-link\] link e\.md/);
    repo.remove();
  });

  it('check --staged judges by the staged commons.yml, not the work tree one', async () => {
    const repo = new TempRepo();
    repo.write('commons.yml', CONFIG);
    repo.write('a.md', '---\ntags: [testing]\n---\n');
    repo.commit('base');
    // The commit adds "observability" to the vocabulary and an entry using it...
    repo.write('commons.yml', `${CONFIG}  observability: {}\n`);
    repo.write('b.md', '---\ntags: [observability]\n---\n');
    repo.git('add', 'commons.yml', 'b.md');
    // ...while the work tree has since dropped "testing" from it.
    repo.write('commons.yml', 'vocabulary: closed\ntags:\n  observability: {}\n');
    const passing = await run('check', repo.dir, '--staged');
    assert.equal(passing.code, 0, passing.out);
    // And the other way round: the staged commons.yml drops a tag an entry still carries.
    repo.write('commons.yml', 'vocabulary: closed\ntags:\n  kubernetes: {}\n');
    repo.git('add', 'commons.yml');
    repo.write('commons.yml', `${CONFIG}  observability: {}\n`);
    const failing = await run('check', repo.dir, '--staged');
    assert.equal(failing.code, 1);
    assert.match(failing.out, /a\.md:2:8: error \[unknown-tag\] tag "testing"/);
    assert.match(failing.out, /b\.md:2:8: error \[unknown-tag\] tag "observability"/);
    // Committed and then edited in the work tree only: the index still holds the committed rules.
    repo.commit('rules');
    repo.write('commons.yml', `${CONFIG}  newtag: {}\n`);
    repo.write('c.md', '---\ntags: [newtag]\n---\n');
    repo.git('add', 'c.md');
    const unstagedRules = await run('check', repo.dir, '--staged');
    assert.equal(unstagedRules.code, 1, unstagedRules.out);
    assert.match(unstagedRules.out, /c\.md:2:8: error \[unknown-tag\] tag "newtag"/);
    // A staged commons.yml that is not UTF-8 stops the commit, as it stops check on the work tree.
    fs.writeFileSync(path.join(repo.dir, 'commons.yml'), Buffer.concat([Buffer.from(CONFIG), Buffer.from('  caf\xe9: {}\n', 'latin1')]));
    repo.git('add', 'commons.yml');
    repo.write('commons.yml', CONFIG);
    const latin1 = await run('check', repo.dir, '--staged');
    assert.equal(latin1.code, 2, latin1.out + latin1.err);
    assert.match(latin1.out + latin1.err, /commons\.yml is not UTF-8 text/);
    repo.remove();
  });

  it('check --staged checks the staged text, not the work tree', async () => {
    const repo = new TempRepo();
    repo.write('commons.yml', CONFIG);
    repo.write('a.md', '---\ntags: [testing]\n---\n');
    repo.commit('base');
    repo.write('fixed-later.md', '---\ntags: [nope]\n---\n');
    repo.git('add', 'fixed-later.md');
    repo.write('fixed-later.md', '---\ntags: [testing]\n---\n');
    repo.write('a.md', '---\ntags: [testing, kubernetes]\n---\n');
    repo.git('add', 'a.md');
    repo.write('a.md', '---\ntags: [broken-after-staging]\n---\n');
    const result = await run('check', repo.dir, '--staged');
    assert.equal(result.code, 1);
    assert.match(result.out, /fixed-later\.md:2:8: .*nope/, 'the tag is found in the staged text');
    assert.doesNotMatch(result.out, /broken-after-staging/);
    assert.doesNotMatch(result.out, /a\.md/);
    // Staged bytes are read as bytes: a Latin-1 file is reported as not UTF-8, as on disk.
    fs.writeFileSync(path.join(repo.dir, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    repo.git('add', 'latin1.md');
    fs.writeFileSync(path.join(repo.dir, 'latin1.md'), '# fixed in the work tree\n');
    const latin1 = await run('check', repo.dir, '--staged', '--format', 'json');
    assert.ok(JSON.parse(latin1.out).some((f: { file: string; message: string }) => f.file.endsWith('latin1.md') && /UTF-8/.test(f.message)), latin1.out);
    repo.remove();
  });
});
