// Warm starts: a snapshot restores exactly the entries it saved, is refused when it does not fit,
// and only entries whose files are unchanged are reused.
import * as assert from 'node:assert/strict';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { headingTexts, packedHeadingsOf, packedLinksOf, plainEntry, RestoredEntry } from '../../src/core/restoredEntry';
import { linesOf, restoreSnapshot, serializeSnapshot, wholeSnapshot, type SnapshotSource } from '../../src/core/snapshot';
import type { Entry } from '../../src/core/model';
import { legacySnapshotFileNames, readSnapshotLines, readSnapshotTexts, snapshotFileExists, snapshotFileName, snapshotSource, writeSnapshotFile } from '../../src/node/snapshotFile';
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

type Snapshot = { lines: string; texts: Uint8Array };

function snapshotOf(kb: KnowledgeBase, entries: Iterable<Entry> = kb.index.all()): Snapshot {
  return wholeSnapshot(serializeSnapshot(kb.root, kb.config, entries));
}

function sourceOf(snapshot: Snapshot, lines: Iterable<string> = linesOf(snapshot.lines)): SnapshotSource {
  return { lines, texts: snapshot.texts };
}

/** Both parts as text, with the name that pairs them (new for every write) taken out, to compare two writes. */
function comparable(snapshot: Snapshot): string[] {
  const texts = new TextDecoder().decode(snapshot.texts);
  const id = texts.slice(0, texts.indexOf('\n'));
  return [snapshot.lines.replace(id, 'ID'), texts.replace(id, 'ID')];
}

/** The texts with the line that is `line` replaced (an entry's packed headings or links). */
function textsWithLine(snapshot: Snapshot, line: string, replacement: string): Uint8Array {
  const texts = new TextDecoder().decode(snapshot.texts).split('\n');
  assert.ok(texts.includes(line), 'the line to replace is in the texts');
  return new TextEncoder().encode(texts.map((one) => (one === line ? replacement : one)).join('\n'));
}

describe('snapshots', () => {
  it('restores every entry exactly as it was indexed', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const restored = await restoreSnapshot(sourceOf(snapshotOf(kb)), kb.root, kb.config, kb.stringPool);
    assert.ok(restored);
    assert.deepEqual([...restored.keys()].sort(), [...kb.index.paths()].sort());
    for (const entry of kb.index.all()) assert.deepEqual(plainEntry(restored.get(entry.path)!), plainEntry(entry), entry.path);
  });

  it('keeps headings and links packed until they are read, and writes them again as they came', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const snapshot = snapshotOf(kb);
    const restored = (await restoreSnapshot(sourceOf(snapshot), kb.root, kb.config, kb.stringPool))!;
    const alpha = restored.get('a.md') as RestoredEntry;
    assert.ok(alpha instanceof RestoredEntry);
    assert.ok(alpha.packedLinks && alpha.packedHeadings, 'still packed after the restore');
    // A snapshot of restored entries, none of them unpacked, is the same text.
    assert.deepEqual(comparable(snapshotOf(kb, restored.values())), comparable(snapshot));
    const parsed = kb.index.get('a.md')!;
    assert.deepEqual(alpha.links, parsed.links);
    assert.equal(alpha.packedLinks, undefined, 'unpacked once read');
    assert.equal(alpha.links, alpha.links, 'and kept: the same array each time');
    assert.ok(alpha.packedHeadings, 'headings stay packed until they are read');
    assert.deepEqual(headingTexts(alpha), parsed.headings.map((heading) => heading.text));
    assert.ok(alpha.packedHeadings, 'and their texts are read without unpacking them');
    assert.deepEqual(alpha.headings, parsed.headings);
    // And with some unpacked, the same text again.
    assert.deepEqual(comparable(snapshotOf(kb, restored.values())), comparable(snapshot));
  });

  it('writes an entry whose links were replaced after the restore with its new links and its packed headings', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const restored = (await restoreSnapshot(sourceOf(snapshotOf(kb)), kb.root, kb.config, kb.stringPool))!;
    const alpha = restored.get('a.md')!;
    assert.ok(kb.index.get('a.md')!.links.length > 0);
    alpha.links = [];
    const again = (await restoreSnapshot(sourceOf(snapshotOf(kb, restored.values())), kb.root, kb.config, kb.stringPool))!;
    assert.deepEqual(again.get('a.md')!.links, []);
    assert.deepEqual(again.get('a.md')!.headings, kb.index.get('a.md')!.headings);
    assert.deepEqual(plainEntry(again.get('b.md')!), plainEntry(kb.index.get('b.md')!));
  });

  it('builds the link sources from packed links and leaves them packed', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const warm = new KnowledgeBase('/kb', sampleFiles());
    await warm.load({ previous: await restoreSnapshot(sourceOf(snapshotOf(kb)), kb.root, kb.config, warm.stringPool) });
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
    const snapshot = snapshotOf(kb);
    const links = packedLinksOf(kb.index.get('a.md')!);
    // Still a line of JSON, but not a list of links.
    const edited = { lines: snapshot.lines, texts: textsWithLine(snapshot, links, '[[1,2,3],{"x":1},"no"]') };
    const restored = (await restoreSnapshot(sourceOf(edited), kb.root, kb.config))!;
    assert.deepEqual(restored.get('a.md')!.links, []);
    assert.deepEqual(plainEntry(restored.get('b.md')!), plainEntry(kb.index.get('b.md')!), 'the other entries are whole');
    const mangled = { lines: snapshot.lines, texts: textsWithLine(snapshot, links, '[[1,"ok",3,4,0],[7]]') };
    assert.deepEqual((await restoreSnapshot(sourceOf(mangled), kb.root, kb.config))!.get('a.md')!.links.map((link) => link.target), ['ok']);
    const notJson = { lines: snapshot.lines, texts: textsWithLine(snapshot, links, '[[1,"ok",3,') };
    assert.deepEqual((await restoreSnapshot(sourceOf(notJson), kb.root, kb.config))!.get('a.md')!.links, []);
  });

  it('writes each shared value once, and refuses an entry that refers to one it was not given', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const snapshot = snapshotOf(kb);
    const lines = [...linesOf(snapshot.lines)];
    const values = lines.filter((line) => line.startsWith('"')).map((line) => JSON.parse(line) as string);
    assert.equal(values.length, new Set(values).size);
    for (const value of ['kubernetes', 'testing', 'lesson', 'Ana <ana@example.com>', '2024-01-02', 'open']) assert.ok(values.includes(value), value);
    const entryLines = lines.filter((line) => line.startsWith('["'));
    assert.equal(entryLines.length, kb.index.size, 'one line per entry');
    assert.ok(!entryLines.some((line) => line.includes('"kubernetes"')), 'entries refer to values by number');
    assert.equal(await restoreSnapshot(sourceOf(snapshot, lines.filter((line) => line !== '"testing"')), kb.root, kb.config, kb.stringPool), undefined);
  });

  it('writes each front-matter layout once, and restored entries share the pool\'s layouts', async () => {
    const files = sampleFiles();
    // Same keys on the same lines as a.md: one more entry, no more layouts.
    files.set('/kb/a2.md', '---\ntitle: Alpha two\ntype: lesson\ntags: [testing]\nauthors: [Bo]\ncreated: 2024-01-03\n---\n# Alpha two\n');
    const kb = new KnowledgeBase('/kb', files);
    await kb.load();
    const snapshot = snapshotOf(kb);
    const lines = [...linesOf(snapshot.lines)];
    const layouts = new Set([...kb.index.all()].map((entry) => JSON.stringify([entry.frontMatter.fieldLines, entry.frontMatter.filledFields])));
    const isLayout = (line: string) => line.startsWith('{"fieldLines"');
    assert.equal(lines.filter(isLayout).length, layouts.size);
    assert.ok(layouts.size < kb.index.size);
    const restored = await restoreSnapshot(sourceOf(snapshot, lines), kb.root, kb.config, kb.stringPool);
    assert.ok(restored);
    for (const entry of kb.index.all()) {
      const shared = kb.stringPool.frontMatterLayout(entry.frontMatter.fieldLines, entry.frontMatter.filledFields);
      assert.equal(restored.get(entry.path)?.frontMatter.fieldLines, shared.fieldLines, entry.path);
      assert.equal(restored.get(entry.path)?.frontMatter.filledFields, shared.filledFields, entry.path);
    }
    // Without the layout lines, or with a damaged reference to one, the snapshot is refused.
    assert.equal(await restoreSnapshot(sourceOf(snapshot, lines.filter((line) => !isLayout(line))), kb.root, kb.config), undefined);
    // An entry's front matter is [present, language, start, end, editable, layout number].
    const damaged = lines.map((line) => line.replace(/,\[([01]),("[^"]*"),(\d+),(\d+),([01]),\d+\]/, ',[$1,$2,$3,$4,$5,"length"]'));
    assert.notDeepEqual(damaged, lines);
    assert.equal(await restoreSnapshot(sourceOf(snapshot, damaged), kb.root, kb.config, kb.stringPool), undefined);
  });

  it('is refused when written for another root, another commons.yml or damaged', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const snapshot = snapshotOf(kb);
    const { lines, texts } = snapshot;
    // Each refusal says why, once: a snapshot merely out of date is no damage, the rest is.
    const refused = async (source: SnapshotSource, config = kb.config, damaged = true) => {
      const reasons: Array<[string, boolean]> = [];
      assert.equal(await restoreSnapshot(source, kb.root, config, undefined, (reason, isDamage) => reasons.push([reason, isDamage])), undefined);
      assert.equal(reasons.length, 1, JSON.stringify(reasons));
      assert.equal(reasons[0][1], damaged, reasons[0][0]);
    };
    assert.ok(await restoreSnapshot(sourceOf(snapshot), kb.root, kb.config), 'the snapshot itself fits');
    assert.equal(await restoreSnapshot(sourceOf(snapshot), '/elsewhere', kb.config), undefined);
    await refused(sourceOf(snapshot), { ...kb.config, vocabulary: 'closed' }, false);
    await refused({ lines: linesOf(lines.slice(0, lines.length / 2)), texts });
    // An entry with a field too many (texts of its own, in a snapshot), or with a bad field.
    const firstEntry = lines.split('\n').find((line) => line.startsWith('["'))!;
    await refused({ lines: linesOf(lines.replace(firstEntry, firstEntry.replace(/\]$/, ',"[]","[]"]'))), texts });
    await refused({ lines: linesOf(lines.replace(firstEntry, firstEntry.replace(/^\["[^"]*"/, '[7'))), texts });
    await refused({ lines: linesOf(lines.replace(firstEntry, firstEntry.replace(/^(\["[^"]*"),"[^"]*"/, '$1,7'))), texts });
    await refused({ lines: linesOf(''), texts });
    // The texts missing, cut short, with a line too many, or from another write of the same entries.
    await refused({ lines: linesOf(lines), texts: undefined });
    await refused({ lines: linesOf(lines), texts: texts.subarray(0, texts.length - 3) });
    await refused({ lines: linesOf(lines), texts: new Uint8Array([...texts, ...new TextEncoder().encode('[]\n')]) });
    await refused({ lines: linesOf(lines), texts: snapshotOf(kb).texts });
    await refused({ lines: linesOf(lines), texts: new Uint8Array() });
    await refused({ lines: linesOf(lines), texts: Promise.reject(new Error('unreadable')) });
    // Texts still being read as the lines are.
    assert.ok(await restoreSnapshot({ lines: linesOf(lines), texts: Promise.resolve(texts) }, kb.root, kb.config));
  });

  it('is refused by another release of Commons than the one that wrote it, which may read files differently', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const written = wholeSnapshot(serializeSnapshot(kb.root, kb.config, kb.index.all(), 'commons@1.0.0'));
    const restore = (writer?: string) => {
      const reasons: string[] = [];
      return restoreSnapshot({ lines: linesOf(written.lines), texts: written.texts }, kb.root, kb.config, undefined, (reason) => reasons.push(reason), writer).then((entries) => ({ entries, reasons }));
    };
    assert.equal((await restore('commons@1.0.0')).entries?.size, kb.index.size);
    for (const other of ['commons@1.0.1', undefined]) {
      const { entries, reasons } = await restore(other);
      assert.equal(entries, undefined, String(other));
      assert.deepEqual(reasons, ['it was written by another release of Commons']);
    }
  });

  it('takes the later of two lines for one path, as when the index changed while the snapshot was written', async () => {
    const kb = new KnowledgeBase('/kb', sampleFiles());
    await kb.load();
    const snapshot = snapshotOf(kb);
    const alpha = kb.index.get('a.md')!;
    const alphaLine = snapshot.lines.split('\n').find((line) => line.startsWith('["a.md"'))!;
    // a.md written again at the end, edited since: its line and its texts come last.
    const lines = `${snapshot.lines}${alphaLine.replace('"Alpha"', '"Alpha, edited"')}\n`;
    const alphaTexts = new TextEncoder().encode(`${packedHeadingsOf(alpha)}\n[]\n`);
    const texts = new Uint8Array([...snapshot.texts, ...alphaTexts]);
    const restored = (await restoreSnapshot({ lines: linesOf(lines), texts }, kb.root, kb.config))!;
    assert.ok(restored, 'not refused');
    assert.equal(restored.size, kb.index.size);
    assert.equal(restored.get('a.md')!.title, 'Alpha, edited');
    assert.deepEqual(restored.get('a.md')!.links, []);
    assert.deepEqual(restored.get('a.md')!.headings, alpha.headings);
    for (const entry of kb.index.all()) if (entry.path !== 'a.md') assert.deepEqual(plainEntry(restored.get(entry.path)!), plainEntry(entry), entry.path);
  });

  it('reuses unchanged entries and reads changed, new and deleted files again', async () => {
    const fs = sampleFiles();
    const first = new KnowledgeBase('/kb', fs);
    await first.load();
    const previous = (await restoreSnapshot(sourceOf(snapshotOf(first)), first.root, first.config))!;
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
    const written = ['snapshot.jsonl', 'snapshot.jsonl.texts'];
    assert.deepEqual(fs.readdirSync(folder).sort(), written, 'no temporary file left behind');
    // Seven-byte blocks cut lines (and a multi-byte character, if any) at every possible place.
    const restored = await restoreSnapshot({ lines: readSnapshotLines(file, 7), texts: await readSnapshotTexts(file) }, kb.root, kb.config);
    assert.ok(restored);
    for (const entry of kb.index.all()) assert.deepEqual(plainEntry(restored.get(entry.path)!), plainEntry(entry), entry.path);
    assert.ok(await restoreSnapshot(snapshotSource(file), kb.root, kb.config));
    assert.equal(await restoreSnapshot(snapshotSource(path.join(folder, 'missing.jsonl')), kb.root, kb.config), undefined);
    assert.equal(await snapshotFileExists(file), true);
    assert.equal(await snapshotFileExists(path.join(folder, 'missing.jsonl')), false);
    assert.equal(await snapshotFileExists(folder), false, 'a folder is not a snapshot');
    // A write that fails halfway leaves the previous snapshot as it was, and no temporary file.
    const before = written.map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));
    const after = () => written.map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));
    function* failing() {
      yield { lines: 'half a snapshot\n', texts: new TextEncoder().encode('half its texts\n') };
      throw new Error('disk full');
    }
    await assert.rejects(writeSnapshotFile(file, failing()), /disk full/);
    assert.deepEqual(after(), before);
    assert.deepEqual(fs.readdirSync(folder).sort(), written);
    // Two writes at once each use temporary files of their own; the snapshot is whole afterwards.
    const pieces = () => serializeSnapshot(kb.root, kb.config, kb.index.all());
    await Promise.all([writeSnapshotFile(file, pieces()), writeSnapshotFile(file, pieces())]);
    assert.deepEqual(fs.readdirSync(folder).sort(), written);
    assert.ok(await restoreSnapshot(snapshotSource(file), kb.root, kb.config));
    // Texts that lost their lines (renamed away, or left from another write) are refused.
    fs.copyFileSync(path.join(folder, 'snapshot.jsonl.texts'), path.join(folder, 'saved.texts'));
    await writeSnapshotFile(file, pieces());
    fs.copyFileSync(path.join(folder, 'saved.texts'), path.join(folder, 'snapshot.jsonl.texts'));
    assert.equal(await restoreSnapshot(snapshotSource(file), kb.root, kb.config), undefined);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});

describe('snapshot file names', () => {
  it('differ for every root, also roots whose paths end alike, and stay the same for one root', () => {
    const tail = '/src/github.com/community/knowledge-base-of-the-platform-team/docs/handbook';
    const roots = [`/home/ana${tail}`, `/home/bob${tail}`, `/home/ana/clone-2${tail}`, '/kb', '/kb2', 'C:\\Users\\ana\\kb'];
    const names = roots.map(snapshotFileName);
    assert.equal(new Set(names).size, roots.length, names.join('\n'));
    assert.equal(snapshotFileName(roots[0]), names[0]);
    for (const name of names) assert.match(name, /^snapshot-[A-Za-z0-9._-]+\.jsonl$/);
    // The names earlier releases used, removed once a new snapshot is written, are never the new one.
    assert.deepEqual(legacySnapshotFileNames('/kb'), ['snapshot-L2ti.jsonl', 'snapshot-L2ti.jsonl.texts', 'snapshot-L2ti.json']);
    for (const root of roots) assert.ok(!legacySnapshotFileNames(root).includes(snapshotFileName(root)));
  });
});
