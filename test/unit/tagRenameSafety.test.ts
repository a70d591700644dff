// Tag renames and merges that would reach beyond the tag, or that the index counts but cannot edit:
// each is refused by name, and what it would have damaged stays as written.
import * as assert from 'node:assert/strict';
import { renameVocabularyTag } from '../../src/core/edit/configEdit';
import { applyPlan, planTagRename, renameTarget } from '../../src/core/edit/tagOperations';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

async function renameIn(files: Record<string, string | Uint8Array>, from: string, to: string) {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/kb/${k}`, v])));
  const kb = new KnowledgeBase('/kb', fs);
  await kb.load();
  const plan = await planTagRename(kb, fs, from, to);
  await applyPlan(kb, fs, plan);
  const text = async (path: string) => new TextDecoder().decode(await fs.readFile(`/kb/${path}`));
  return { plan, text, refused: Object.fromEntries(plan.refused.map((one) => [one.path, one.reason])) };
}

describe('tag renames that stay within the tag', () => {
  it('refuses a tag that carries an anchor another field repeats, or that is written as an alias', async () => {
    const anchored = '---\ntitle: A\ntags: [&main k8s, x]\nrelated_topic: *main\n---\n';
    const aliased = '---\ntitle: B\ntopic: &t ops\ntags: [*t, k8s]\n---\n';
    const first = await renameIn({ 'a.md': anchored, 'b.md': aliased }, 'k8s', 'kube');
    assert.match(first.refused['a.md'], /anchor \(&main\)/);
    assert.equal(await first.text('a.md'), anchored);
    // The alias item is not the tag renamed: the rest of the list is edited as usual.
    assert.equal(await first.text('b.md'), aliased.replace('[*t, k8s]', '[*t, kube]'));
    const second = await renameIn({ 'b.md': aliased }, 'ops', 'operations');
    assert.match(second.refused['b.md'], /alias \(\*t\)/);
    assert.equal(await second.text('b.md'), aliased);
  });

  it('renames a tag written with spaces inside its quotes, as the index reads it', async () => {
    const { text, plan } = await renameIn({ 'a.md': '---\ntags: [" k8s ", x]\n---\n' }, 'k8s', 'kube');
    assert.deepEqual(plan.refused, []);
    assert.equal(await text('a.md'), '---\ntags: ["kube", x]\n---\n');
  });

  it('names a file it cannot write and goes on with the others', async () => {
    const fs = new MemoryFileSystem({ '/kb/a.md': '---\ntags: [k8s]\n---\n', '/kb/b.md': '---\ntags: [k8s]\n---\n', '/kb/c.md': '---\ntags: [k8s]\n---\n' });
    fs.unwritable.add('/kb/b.md');
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const result = await applyPlan(kb, fs, await planTagRename(kb, fs, 'k8s', 'kube'));
    assert.deepEqual(result.written, ['a.md', 'c.md']);
    assert.deepEqual(result.failed, [{ path: 'b.md', reason: 'EACCES: permission denied' }]);
    assert.equal(fs.text('/kb/b.md'), '---\ntags: [k8s]\n---\n');
    assert.equal(fs.text('/kb/c.md'), '---\ntags: [kube]\n---\n');
  });

  it('names files it could not read that may hold the tag: too large, not UTF-8', async () => {
    const big = '---\ntitle: L\ntags: [k8s]\n---\n' + 'x'.repeat(300);
    const latin = new Uint8Array([...new TextEncoder().encode('---\ntitle: U\ntags: [k8s]\n---\n'), 0xff, 0x0a]);
    const { refused, text } = await renameIn({ 'commons.yml': 'maxFileSize: 100\n', 'big.md': big, 'latin.md': latin, 'other.md': new Uint8Array([0xff]) }, 'k8s', 'kube');
    assert.match(refused['big.md'], /^not read \(file is larger than .*\), so not edited$/);
    assert.match(refused['latin.md'], /^not read \(file is not UTF-8 text.*\), so not edited$/);
    // A skipped file that does not name the tag is not listed.
    assert.equal(refused['other.md'], undefined);
    assert.equal(await text('big.md'), big);
  });

  it('a merge into an alias merges into its tag, and commons.yml never declares a tag that is also an alias', async () => {
    const config = 'tags:\n  Kubernetes: { description: Clusters, aliases: [k8s, kube] }\n  ops: { description: Operations }\n';
    const fs = new MemoryFileSystem({ '/kb/commons.yml': config, '/kb/a.md': '---\ntags: [ops]\n---\n' });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    assert.equal(renameTarget(kb, 'ops', 'k8s'), 'Kubernetes');
    assert.equal(renameTarget(kb, 'k8s', 'cluster'), 'cluster', 'an alias renamed keeps its new name');
    const result = renameVocabularyTag(config, 'ops', renameTarget(kb, 'ops', 'k8s'));
    assert.deepEqual(result, { ok: true, edits: [] });
    const merged = await renameIn({ 'commons.yml': config, 'a.md': '---\ntags: [ops]\n---\n' }, 'ops', 'Kubernetes');
    assert.equal(await merged.text('a.md'), '---\ntags: [Kubernetes]\n---\n');
  });

  it('names the line of the file, as check does, and the reason, when it refuses front matter it cannot read', async () => {
    const { refused } = await renameIn(
      {
        'indent.md': '---\ntitle: F\n  bad: indent\ntags: [k8s]\n---\n',
        'twice.md': '---\ntitle: T\ntitle: U\ntags: [k8s]\n---\n',
      },
      'k8s',
      'kube',
    );
    assert.match(refused['indent.md'], /^its front matter could not be read \(line 3: invalid YAML: bad indentation/);
    assert.match(refused['twice.md'], /^its front matter could not be read \(line 3: .*duplicate.*\)$/i);
  });

  it('renames a tag in comma-separated text written over two lines where it is, keeping the line break', async () => {
    const { text } = await renameIn({ 'a.md': '---\ntags: a,\n  k8s, b\ntitle: T\n---\n' }, 'k8s', 'kubernetes');
    assert.equal(await text('a.md'), '---\ntags: a,\n  kubernetes, b\ntitle: T\n---\n');
  });

  it('a merge keeps the comments between list items', async () => {
    const text = '---\ntitle: A\ntags: [kubernetes,  # IMPORTANT: keep kubernetes first\n  k8s]\n---\n';
    const merged = await renameIn({ 'commons.yml': 'tags:\n  kubernetes: {}\n  k8s: {}\n', 'a.md': text }, 'k8s', 'kubernetes');
    assert.equal(await merged.text('a.md'), '---\ntitle: A\ntags: [kubernetes  # IMPORTANT: keep kubernetes first\n  ]\n---\n');
    const before = '---\ntags: [k8s, # the cluster\n  kubernetes]\n---\n';
    const first = await renameIn({ 'commons.yml': 'tags:\n  kubernetes: {}\n  k8s: {}\n', 'a.md': before }, 'k8s', 'kubernetes');
    assert.equal(await first.text('a.md'), '---\ntags: [ # the cluster\n  kubernetes]\n---\n');
  });
});
