// Warm starts: a snapshot restores exactly the entries it saved, is refused when it does not fit,
// and only entries whose files are unchanged are reused.
import * as assert from 'node:assert/strict';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { headingTexts, plainEntry, RestoredEntry } from '../../src/core/restoredEntry';
import { linesOf, restoreSnapshot, serializeSnapshot } from '../../src/core/snapshot';
import { readSnapshotLines, writeSnapshotFile } from '../../src/node/snapshotFile';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

function sampleFiles(): MemoryFileSystem {
  return new MemoryFileSystem({
    '/kb/commons.yml': 'tags:\n  kubernetes: { aliases: [k8s] }\n',
    '/kb/a.md': '---\ntitle: Alpha\ntype: lesson\ntags: [k8s, testing]\nauthors: [Ana <ana@example.com>]\ncreated: 2024-01-02\n---\n# Alpha\n\n## Empty section\n\nSee [[Beta — café#Part|the beta part]], [c](sub/c.md#x) and [[sub/c]].\n',
    '/kb/b.md': '---\ntitle: Beta — café\ntags: kubernetes\nstatus: Open\nowner: Bo <bo@example.com>\nreviewed: 2024-03-04\nsummary: Why beta matters\nanswers: Use the gamma\n---\n# Beta\nBack to [alpha](a.md).\n',
    '/kb/sub/c.md': '# Gamma without front matter\n[[missing note]]\n',
    '/kb/broken.md': '---\ntitle: [unclosed\n---\nbody\n',
    '/kb/binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
  });
}

describe('snapshots', () => {
  it('restores every entry exactly as it was indexed', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const text = [...serializeSnapshot(kb.root, kb.config, kb.index.all())].join('');
    const restored = await restoreSnapshot(linesOf(text), kb.root, kb.config, kb.stringPool);
    assert.ok(restored);
    assert.deepEqual([...restored.keys()].sort(), [...kb.index.paths()].sort());
    for (const entry of kb.index.all()) assert.deepEqual(plainEntry(restored.get(entry.path)!), plainEntry(entry), entry.path);
  });

  it('keeps headings and links packed until they are read, and writes them again as they came', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const text = [...serializeSnapshot(kb.root, kb.config, kb.index.all())].join('');
    const restored = (await restoreSnapshot(linesOf(text), kb.root, kb.config, kb.stringPool))!;
    const alpha = restored.get('a.md') as RestoredEntry;
    assert.ok(alpha instanceof RestoredEntry);
    assert.ok(alpha.packedLinks && alpha.packedHeadings, 'still packed after the restore');
    // A snapshot of restored entries, none of them unpacked, is the same text.
    assert.equal([...serializeSnapshot(kb.root, kb.config, restored.values())].join(''), text);
    const parsed = kb.index.get('a.md')!;
    assert.deepEqual(alpha.links, parsed.links);
    assert.equal(alpha.packedLinks, undefined, 'unpacked once read');
    assert.equal(alpha.links, alpha.links, 'and kept: the same array each time');
    assert.ok(alpha.packedHeadings, 'headings stay packed until they are read');
    assert.deepEqual(headingTexts(alpha), parsed.headings.map((heading) => heading.text));
    assert.ok(alpha.packedHeadings, 'and their texts are read without unpacking them');
    assert.deepEqual(alpha.headings, parsed.headings);
    // And with some unpacked, the same text again.
    assert.equal([...serializeSnapshot(kb.root, kb.config, restored.values())].join(''), text);
  });

  it('builds the link sources from packed links and leaves them packed', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const text = [...serializeSnapshot(kb.root, kb.config, kb.index.all())].join('');
    const warm = new KnowledgeBase('/kb', sampleFiles());
    await warm.load({ previous: await restoreSnapshot(linesOf(text), kb.root, kb.config, warm.stringPool) });
    assert.ok(await warm.prepareLinkSources());
    const gamma = warm.index.get('sub/c.md') as RestoredEntry;
    assert.ok(gamma.packedLinks, 'still packed once the link sources are built');
    assert.deepEqual(warm.index.backlinks('b.md'), kb.index.backlinks('b.md'));
    assert.deepEqual(warm.index.backlinks('sub/c.md'), ['a.md']);
    assert.deepEqual(warm.index.dump(), kb.index.dump());
    assert.deepEqual(warm.index.brokenLinks(), kb.index.brokenLinks());
  });

  it('gives an entry whose packed headings or links do not read none, rather than failing its reader', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const text = [...serializeSnapshot(kb.root, kb.config, kb.index.all())].join('');
    // Still a valid line, but its links text is not a JSON array of links.
    const edited = text.replace(/("path":"a\.md".*?"links":)"(?:[^"\\]|\\.)*"/, '$1"[[1,2,3],{\\"x\\":1},\\"no\\""');
    assert.notEqual(edited, text);
    const restored = (await restoreSnapshot(linesOf(edited), kb.root, kb.config))!;
    assert.deepEqual(restored.get('a.md')!.links, []);
    assert.deepEqual(plainEntry(restored.get('b.md')!), plainEntry(kb.index.get('b.md')!), 'the other entries are whole');
    const mangled = text.replace(/("path":"a\.md".*?"links":)"(?:[^"\\]|\\.)*"/, '$1"[[1,\\"ok\\",3,4,0],[7]]"');
    assert.deepEqual((await restoreSnapshot(linesOf(mangled), kb.root, kb.config))!.get('a.md')!.links.map((link) => link.target), ['ok']);
  });

  it('writes each shared value once, and refuses an entry that refers to one it was not given', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const lines = [...linesOf([...serializeSnapshot(kb.root, kb.config, kb.index.all())].join(''))];
    const values = lines.filter((line) => line.startsWith('"')).map((line) => JSON.parse(line) as string);
    assert.equal(values.length, new Set(values).size);
    for (const value of ['kubernetes', 'testing', 'lesson', 'Ana <ana@example.com>', '2024-01-02', 'open']) assert.ok(values.includes(value), value);
    assert.ok(!lines.some((line) => line.startsWith('{') && line.includes('"kubernetes"')), 'entries refer to values by number');
    assert.equal(await restoreSnapshot(lines.filter((line) => line !== '"testing"'), kb.root, kb.config, kb.stringPool), undefined);
  });

  it('writes each front-matter layout once, and restored entries share the pool\'s layouts', async () => {
    const files = sampleFiles();
    // Same keys on the same lines as a.md: one more entry, no more layouts.
    files.set('/kb/a2.md', '---\ntitle: Alpha two\ntype: lesson\ntags: [testing]\nauthors: [Bo]\ncreated: 2024-01-03\n---\n# Alpha two\n');
    const kb = new KnowledgeBase('/kb', files);
    await kb.load();
    const lines = [...linesOf([...serializeSnapshot(kb.root, kb.config, kb.index.all())].join(''))];
    const layouts = new Set([...kb.index.all()].map((entry) => JSON.stringify([entry.frontMatter.fieldLines, entry.frontMatter.filledFields])));
    assert.equal(lines.filter((line) => line.startsWith('[')).length, layouts.size);
    assert.ok(layouts.size < kb.index.size);
    const restored = await restoreSnapshot(lines, kb.root, kb.config, kb.stringPool);
    assert.ok(restored);
    for (const entry of kb.index.all()) {
      const shared = kb.stringPool.frontMatterLayout(entry.frontMatter.fieldLines, entry.frontMatter.filledFields);
      assert.equal(restored.get(entry.path)?.frontMatter.fieldLines, shared.fieldLines, entry.path);
      assert.equal(restored.get(entry.path)?.frontMatter.filledFields, shared.filledFields, entry.path);
    }
    // Without the layout lines, or with a damaged reference to one, the snapshot is refused.
    assert.equal(await restoreSnapshot(lines.filter((line) => !line.startsWith('[')), kb.root, kb.config), undefined);
    const damaged = lines.map((line) => line.replace(/"frontMatter":\[(.*?),(\d+)\]/, '"frontMatter":[$1,"length"]'));
    assert.notDeepEqual(damaged, lines);
    assert.equal(await restoreSnapshot(damaged, kb.root, kb.config, kb.stringPool), undefined);
  });

  it('is refused when written for another root, another commons.yml or damaged', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const text = [...serializeSnapshot(kb.root, kb.config, kb.index.all())].join('');
    assert.equal(await restoreSnapshot(linesOf(text), '/elsewhere', kb.config), undefined);
    assert.equal(await restoreSnapshot(linesOf(text), kb.root, { ...kb.config, vocabulary: 'closed' }), undefined);
    assert.equal(await restoreSnapshot(linesOf(text.slice(0, text.length / 2)), kb.root, kb.config), undefined);
    assert.equal(await restoreSnapshot(linesOf(text.replace('"headings":"', '"headings":7,"x":"')), kb.root, kb.config), undefined);
    assert.equal(await restoreSnapshot(linesOf(''), kb.root, kb.config), undefined);
  });

  it('reuses unchanged entries and reads changed, new and deleted files again', async () => {
    const fs = sampleFiles();
    const first = new KnowledgeBase('/kb', fs);
    await first.load();
    const text = [...serializeSnapshot(first.root, first.config, first.index.all())].join('');
    const previous = (await restoreSnapshot(linesOf(text), first.root, first.config))!;
    fs.set('/kb/b.md', '---\ntitle: Beta, edited\n---\n');
    fs.set('/kb/d.md', '# Delta\n');
    fs.delete('/kb/sub/c.md');

    const warm = new KnowledgeBase('/kb', fs);
    // a.md, broken.md and binary.md are unchanged; b.md changed, d.md is new, sub/c.md is gone.
    assert.deepEqual(await warm.load({ previous }), { reused: 3 });
    assert.equal(warm.index.get('a.md'), previous.get('a.md'), 'unchanged entry reused');
    assert.equal(warm.index.get('b.md')?.title, 'Beta, edited');
    assert.equal(warm.index.get('d.md')?.title, 'Delta');
    assert.equal(warm.index.get('sub/c.md'), undefined);

    const cold = new KnowledgeBase('/kb', fs);
    await cold.load();
    assert.deepEqual(warm.index.dump(), cold.index.dump());

    // The same when the snapshot is still being restored as the load starts.
    let settle: (entries: typeof previous) => void = () => {};
    const restoring = new Promise<typeof previous>((resolve) => (settle = resolve));
    const overlapped = new KnowledgeBase('/kb', fs);
    const loading = overlapped.load({ previous: restoring });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(overlapped.index.size, 0, 'nothing is indexed before the snapshot is there');
    settle(previous);
    assert.deepEqual(await loading, { reused: 3 });
    assert.equal(overlapped.index.get('a.md'), previous.get('a.md'), 'unchanged entry reused');
    assert.deepEqual(overlapped.index.dump(), cold.index.dump());
  });

  it('reads lines of any length across blocks of any size', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-lines-'));
    const file = path.join(folder, 'lines.jsonl');
    // 40 KB: longer than the default 32 KB block.
    const long = 'é€𝄞x'.repeat(4_000);
    for (const text of [`a\n\nb — ü\n${long}\nc`, `${long}\n${long}\n`, '', '\n', 'only']) {
      fs.writeFileSync(file, text);
      const expected = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text ? text.split('\n') : [];
      for (const block of [1, 3, 7, 4096, undefined]) {
        const lines: string[] = [];
        for await (const line of readSnapshotLines(file, block)) lines.push(line);
        assert.deepEqual(lines, expected, `block ${block} of ${JSON.stringify(text.slice(0, 20))}`);
      }
    }
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is written and read a block at a time, across blocks that split lines and characters', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-snapshot-'));
    const file = path.join(folder, 'snapshot.jsonl');
    await writeSnapshotFile(file, serializeSnapshot(kb.root, kb.config, kb.index.all()));
    assert.deepEqual(fs.readdirSync(folder), ['snapshot.jsonl'], 'no temporary file left behind');
    // Seven-byte blocks cut lines (and a multi-byte character, if any) at every possible place.
    const restored = await restoreSnapshot(readSnapshotLines(file, 7), kb.root, kb.config);
    assert.ok(restored);
    for (const entry of kb.index.all()) assert.deepEqual(plainEntry(restored.get(entry.path)!), plainEntry(entry), entry.path);
    assert.equal(await restoreSnapshot(readSnapshotLines(path.join(folder, 'missing.jsonl')), kb.root, kb.config), undefined);
    // A write that fails halfway leaves the previous snapshot as it was, and no temporary file.
    const before = fs.readFileSync(file, 'utf8');
    function* failing() {
      yield 'half a snapshot\n';
      throw new Error('disk full');
    }
    await assert.rejects(writeSnapshotFile(file, failing()), /disk full/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(folder), ['snapshot.jsonl']);
    // Two writes at once each use a temporary file of their own; the snapshot is whole afterwards.
    const pieces = () => serializeSnapshot(kb.root, kb.config, kb.index.all());
    await Promise.all([writeSnapshotFile(file, pieces()), writeSnapshotFile(file, pieces())]);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(folder), ['snapshot.jsonl']);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
