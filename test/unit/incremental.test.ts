// Random edits applied incrementally must leave the index exactly as a full rebuild would.
import * as assert from 'node:assert/strict';
import { KnowledgeBase, type FileEvent } from '../../src/core/knowledgeBase';
import { runChecks } from '../../src/core/checks/runChecks';
import { defaultConfig } from '../../src/core/config';
import { parseEntryText } from '../../src/core/entryParser';
import { EntryIndex } from '../../src/core/index/entryIndex';
import type { Entry } from '../../src/core/model';
import { Vocabulary } from '../../src/core/vocabulary';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TAGS = ['k8s', 'kubernetes', 'obs', 'obs/logs', 'obs/metrics', 'testing', 'db', 'db/migrations'];
const PEOPLE = ['ana@example.com', 'Bo <bo@example.com>', 'Cy'];
const FOLDERS = ['', 'a', 'a/b', 'c'];

function entryText(rnd: () => number, names: string[]): string {
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const tags = TAGS.filter(() => rnd() < 0.3);
  const lines = ['---'];
  if (rnd() < 0.8) lines.push(`title: Title ${Math.floor(rnd() * 30)}`);
  if (rnd() < 0.5) lines.push(`type: ${pick(['how-to', 'question', 'lesson'])}`);
  if (rnd() < 0.3) lines.push(`status: ${pick(['open', 'answered'])}`);
  lines.push(`tags: [${tags.join(', ')}]`, `authors: ["${pick(PEOPLE)}"]`);
  if (rnd() < 0.05) lines.push('broken: [yaml');
  lines.push('---', `# Heading ${Math.floor(rnd() * 30)}`);
  for (let i = 0; i < 3; i++) {
    const target = pick(names);
    lines.push(rnd() < 0.5 ? `See [[${target.replace(/\.md$/, '').split('/').pop()}]].` : `See [x](/${target}).`);
  }
  if (rnd() < 0.2) lines.push('[[Title 3]]');
  return lines.join('\n') + '\n';
}

/** How many entries carry each tag or a tag below it (`a` for `a/b`), counted the plain way. */
function countedTags(entries: Entry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const covered = new Set<string>();
    for (const tag of entry.tags) {
      covered.add(tag);
      for (let i = 1; i < tag.length; i++) if (tag[i] === '/') covered.add(tag.slice(0, i));
    }
    for (const tag of covered) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return counts;
}

describe('incremental index equals a full rebuild', () => {
  for (const seed of [1, 2, 3]) {
    it(`after 300 random edits (seed ${seed})`, async () => {
      const rnd = random(seed);
      const names = Array.from({ length: 40 }, (_, i) => `${FOLDERS[i % FOLDERS.length]}/n${i}.md`.replace(/^\//, ''));
      const fs = new MemoryFileSystem({ '/kb/commons.yml': 'tags:\n  kubernetes: { aliases: [k8s] }\n  obs: {}\n' });
      for (const name of names.slice(0, 20)) fs.set(`/kb/${name}`, entryText(rnd, names));
      const live = new KnowledgeBase('/kb', fs);
      await live.load();

      let pending: FileEvent[] = [];
      for (let step = 1; step <= 300; step++) {
        const name = names[Math.floor(rnd() * names.length)];
        if (rnd() < 0.25 && fs.has(`/kb/${name}`)) {
          fs.delete(`/kb/${name}`);
          pending.push({ path: name, kind: 'deleted' });
        } else {
          fs.set(`/kb/${name}`, entryText(rnd, names));
          pending.push({ path: name, kind: 'changed' });
        }
        if (rnd() < 0.2 || step % 100 === 0) {
          await live.applyFileEvents(pending);
          pending = [];
        }
        if (step % 100 === 0) {
          const rebuilt = new KnowledgeBase('/kb', fs);
          await rebuilt.load();
          const [incremental, full] = [live.index.dump(), rebuilt.index.dump()];
          const differing = Object.keys(full).filter((key) => JSON.stringify(incremental[key]) !== JSON.stringify(full[key]));
          assert.deepEqual(differing, [], `derived indexes differ at step ${step}`);
          assert.deepEqual(runChecks(live), runChecks(rebuilt), `findings differ at step ${step}`);
          assert.deepEqual(live.index.tagCounts(), countedTags([...live.index.all()]), `tag counts differ at step ${step}`);
        }
      }
    });
  }
});

describe('folder events', () => {
  async function compareWithRebuild(live: KnowledgeBase, fs: MemoryFileSystem, when: string): Promise<void> {
    const rebuilt = new KnowledgeBase('/kb', fs);
    await rebuilt.load();
    const [incremental, full] = [live.index.dump(), rebuilt.index.dump()];
    const differing = Object.keys(full).filter((key) => JSON.stringify(incremental[key]) !== JSON.stringify(full[key]));
    assert.deepEqual(differing, [], `derived indexes differ ${when}`);
  }

  it('follow a folder deleted, moved or created as one event, as a rebuild would', async () => {
    const rnd = random(9);
    const names = ['a/n1.md', 'a/b/n2.md', 'a/b/n3.md', 'c/n4.md', 'c/d/n5.md', 'n6.md'];
    const fs = new MemoryFileSystem();
    for (const name of names) fs.set(`/kb/${name}`, entryText(rnd, names));
    const live = new KnowledgeBase('/kb', fs);
    await live.load();
    // Deleted: one event for the folder, none for its files.
    for (const name of ['a/b/n2.md', 'a/b/n3.md']) fs.delete(`/kb/${name}`);
    await live.applyFileEvents([{ path: 'a/b', kind: 'deleted' }]);
    await compareWithRebuild(live, fs, 'after a folder was deleted');
    assert.equal(live.index.get('a/b/n2.md'), undefined);
    // Moved: the old folder deleted, the new one created, each one event.
    for (const name of ['c/n4.md', 'c/d/n5.md']) {
      fs.set(`/kb/${name.replace(/^c\//, 'e/')}`, fs.text(`/kb/${name}`));
      fs.delete(`/kb/${name}`);
    }
    // The folder brings its own .gitignore, which the rebuild's walk honours.
    fs.set('/kb/e/.gitignore', 'draft.md\n');
    fs.set('/kb/e/draft.md', '---\ntitle: Draft\n---\n');
    await live.applyFileEvents([{ path: 'c', kind: 'deleted' }, { path: 'e', kind: 'changed' }]);
    assert.equal(live.index.get('e/draft.md'), undefined);
    await compareWithRebuild(live, fs, 'after a folder was moved');
    assert.ok(live.index.get('e/d/n5.md'));
  });

  it('do not follow a symbolic link to a folder, as the walk does not', async () => {
    const fs = new MemoryFileSystem({ '/kb/real/r.md': '---\ntitle: R\n---\n' });
    fs.symlink('/kb/linkdir', '/kb/real');
    fs.symlink('/kb/loop', '/kb');
    const live = new KnowledgeBase('/kb', fs);
    await live.load();
    await live.applyFileEvents([{ path: 'linkdir/r.md', kind: 'changed' }, { path: 'loop/real/r.md', kind: 'changed' }, { path: 'linkdir', kind: 'changed' }]);
    assert.deepEqual([...live.index.paths()], ['real/r.md']);
    await compareWithRebuild(live, fs, 'after events through links');
  });
});

describe('index batches', () => {
  it('take the last of a path given twice in one batch, mixed with removals, as a rebuild would', () => {
    const rnd = random(7);
    const names = Array.from({ length: 30 }, (_, i) => `${FOLDERS[i % FOLDERS.length]}/n${i}.md`.replace(/^\//, ''));
    const context = { config: defaultConfig(), vocabulary: new Vocabulary({}) };
    const entry = (path: string) => parseEntryText(path, entryText(rnd, names), { size: 1, mtimeMs: 1 }, context);
    const live = new EntryIndex();
    const current = new Map<string, Entry>();
    for (let round = 0; round < 40; round++) {
      const upserts: Entry[] = [];
      const removals: string[] = [];
      for (let i = 0; i < 12; i++) {
        const path = names[Math.floor(rnd() * names.length)];
        if (rnd() < 0.2) removals.push(path);
        else upserts.push(entry(path));
      }
      // The same path twice in one batch, once in three rounds.
      if (round % 3 === 0 && upserts.length) upserts.push(entry(upserts[0].path));
      live.apply({ upserts, removals });
      for (const path of removals) current.delete(path);
      for (const one of upserts) current.set(one.path, one);
      const rebuilt = new EntryIndex();
      rebuilt.apply({ upserts: [...current.values()] });
      assert.deepEqual(live.dump(), rebuilt.dump(), `round ${round}`);
      for (const [path, one] of current) assert.equal(live.get(path), one);
    }
  });

  // Enough entries for several slices of the sliced build (it takes 500 entries a step).
  const manyNames = Array.from({ length: 1_200 }, (_, i) => `${FOLDERS[i % FOLDERS.length]}/m${i}.md`.replace(/^\//, ''));
  /** An index of the first `count` of manyNames, and a maker of random entries for any of them. */
  const indexOfMany = (seed: number, count: number) => {
    const rnd = random(seed);
    const context = { config: defaultConfig(), vocabulary: new Vocabulary({}) };
    const entry = (path: string) => parseEntryText(path, entryText(rnd, manyNames), { size: 1, mtimeMs: 1 }, context);
    const live = new EntryIndex();
    live.apply({ upserts: manyNames.slice(0, count).map(entry) });
    return { entry, live };
  };
  const assertRebuilds = (live: EntryIndex) => {
    const rebuilt = new EntryIndex();
    rebuilt.apply({ upserts: [...live.all()] });
    assert.deepEqual(live.dump(), rebuilt.dump());
    for (const path of [...live.paths()].slice(0, 200)) assert.deepEqual(live.backlinks(path), rebuilt.backlinks(path), path);
  };

  it('build the link sources in slices, starting over when a batch lands meanwhile', async () => {
    const { entry, live } = indexOfMany(11, 1_100);
    let pauses = 0;
    // The first build is cut short after its second slice: a new entry, a removal and a changed entry.
    const built = await live.prepareLinkSources(0, async () => {
      pauses++;
      assert.equal(live.linkSourcesReady, false, 'not kept before the last slice');
      if (pauses === 2) live.apply({ upserts: [entry(manyNames[1_150]), entry(manyNames[1])], removals: [manyNames[0]] });
    });
    assert.ok(built && live.linkSourcesReady);
    assert.equal(pauses, 2 + 3, 'two slices, then three for the build that was kept');
    assertRebuilds(live);
  });

  it('keep a build made meanwhile by a backlinks query, and stay current after', async () => {
    const { entry, live } = indexOfMany(12, 1_100);
    let pauses = 0;
    await live.prepareLinkSources(0, async () => {
      if (++pauses === 1) live.backlinks(manyNames[5]);
    });
    assert.equal(pauses, 1, 'the sliced build stops once the links are there');
    live.apply({ upserts: manyNames.slice(1_100).map(entry), removals: manyNames.slice(0, 50) });
    assertRebuilds(live);
  });

  it('give up building the link sources after three builds cut short, leaving them to the first query', async () => {
    const { entry, live } = indexOfMany(13, 300);
    let pauses = 0;
    const built = await live.prepareLinkSources(0, async () => {
      pauses++;
      live.apply({ upserts: [entry(manyNames[pauses])] });
    });
    assert.equal(pauses, 3, 'one slice per attempt, each cut short');
    assert.equal(built, false);
    assert.equal(live.linkSourcesReady, false);
    assertRebuilds(live);
    assert.ok(live.linkSourcesReady, 'built by the queries');
  });
});
