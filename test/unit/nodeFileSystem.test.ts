// The Node file system's writes, as a tag rename uses them: what a file is (a symbolic link, a
// file with hard links, its permissions) survives a change of its text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlan, planTagRename } from '../../src/core/edit/tagOperations';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { tempFolder } from './tempFolder';

const posix = process.platform !== 'win32';

describe('Node file system writes', () => {
  it('writes through a symbolic link, keeps permissions and hard links', async function () {
    if (!posix) this.skip();
    const dir = tempFolder('commons-write');
    const outside = tempFolder('commons-outside');
    fs.writeFileSync(path.join(outside, 'shared.md'), 'old\n');
    fs.symlinkSync(path.join(outside, 'shared.md'), path.join(dir, 'link.md'));
    fs.writeFileSync(path.join(dir, 'script.md'), 'old\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'one.md'), 'old\n');
    fs.linkSync(path.join(dir, 'one.md'), path.join(dir, 'two.md'));
    const files = new NodeFileSystem();
    const bytes = new TextEncoder().encode('new\n');
    for (const name of ['link.md', 'script.md', 'one.md']) await files.writeFile(path.join(dir, name), bytes);
    assert.ok(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(outside, 'shared.md'), 'utf8'), 'new\n');
    assert.equal(fs.statSync(path.join(dir, 'script.md')).mode & 0o777, 0o755);
    assert.equal(fs.readFileSync(path.join(dir, 'two.md'), 'utf8'), 'new\n');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['link.md', 'one.md', 'script.md', 'two.md']);
  });

  it('refuses a file this user may not write, and writes in place one whose folder takes no new file', async function () {
    // Root may write any file: permissions stop no one there.
    if (!posix || process.getuid?.() === 0) this.skip();
    const dir = tempFolder('commons-write');
    const files = new NodeFileSystem();
    const bytes = new TextEncoder().encode('new\n');
    fs.writeFileSync(path.join(dir, 'read-only.md'), 'old\n', { mode: 0o444 });
    await assert.rejects(files.writeFile(path.join(dir, 'read-only.md'), bytes), /EACCES/);
    assert.equal(fs.readFileSync(path.join(dir, 'read-only.md'), 'utf8'), 'old\n');
    fs.mkdirSync(path.join(dir, 'shut'));
    fs.writeFileSync(path.join(dir, 'shut', 'open.md'), 'old\n');
    fs.chmodSync(path.join(dir, 'shut'), 0o555);
    try {
      await files.writeFile(path.join(dir, 'shut', 'open.md'), bytes);
      assert.equal(fs.readFileSync(path.join(dir, 'shut', 'open.md'), 'utf8'), 'new\n');
      assert.deepEqual(fs.readdirSync(path.join(dir, 'shut')), ['open.md']);
    } finally {
      fs.chmodSync(path.join(dir, 'shut'), 0o755);
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['read-only.md', 'shut'], 'no temporary file is left behind');
  });

  it('renames a tag once in an entry another entry links to symbolically, and leaves the link a link', async function () {
    if (!posix) this.skip();
    const dir = tempFolder('commons-write');
    fs.writeFileSync(path.join(dir, 'policy.md'), '---\ntitle: Policy\ntags: [k8s]\n---\n');
    fs.symlinkSync('policy.md', path.join(dir, 'alias.md'));
    const files = new NodeFileSystem();
    const kb = new KnowledgeBase(dir, files);
    await kb.load();
    const plan = await planTagRename(kb, files, 'k8s', 'kubernetes');
    const result = await applyPlan(kb, files, plan);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.written.sort(), ['alias.md', 'policy.md']);
    assert.equal(fs.readFileSync(path.join(dir, 'policy.md'), 'utf8'), '---\ntitle: Policy\ntags: [kubernetes]\n---\n');
    assert.ok(fs.lstatSync(path.join(dir, 'alias.md')).isSymbolicLink());
  });
});
