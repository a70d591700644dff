// Structures that follow the index lazily (search text, similarity vectors) end up exactly where
// a fresh build would, whenever they catch up and whatever changed meanwhile.
import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/config';
import { parseEntryBytes } from '../../src/core/entryParser';
import { EntryIndex } from '../../src/core/index/entryIndex';
import { IndexFollower } from '../../src/core/index/indexFollower';
import type { Entry } from '../../src/core/model';
import { SearchIndex } from '../../src/core/search';
import { SimilarityIndex } from '../../src/core/suggestions';
import { Vocabulary } from '../../src/core/vocabulary';

const config = defaultConfig();
const context = { config, vocabulary: Vocabulary.fromConfig(config) };

function entry(path: string, title: string): Entry {
  return parseEntryBytes(path, new TextEncoder().encode(`# ${title}\n\n## Part of ${title}\n`), { size: 1, mtimeMs: 1 }, context);
}

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A followed structure that refuses to add a path it holds: the similarity index would break. */
function followedBy(titles: Map<string, string>) {
  return {
    add(one: Entry) {
      assert.ok(!titles.has(one.path), `${one.path} added twice`);
      titles.set(one.path, one.title);
    },
    remove(path: string) {
      titles.delete(path);
    },
  };
}

describe('index followers', () => {
  for (const seed of [1, 2]) {
    it(`catch up to a fresh build, at once or in slices, with edits in between (seed ${seed})`, async () => {
      const next = random(seed);
      const index = new EntryIndex();
      const titles = new Map<string, string>();
      const follower = new IndexFollower(index, followedBy(titles));
      let version = 0;
      const edit = () => {
        const upserts: Entry[] = [];
        const removals: string[] = [];
        for (let i = 0; i < 20; i++) {
          const path = `e${Math.floor(next() * 600)}.md`;
          if (next() < 0.25) removals.push(path);
          else upserts.push(entry(path, `Title ${path} v${version++}`));
        }
        index.apply({ upserts, removals });
      };
      const expected = () => [...index.all()].map((one): [string, string] => [one.path, one.title]).sort();
      const actual = () => [...titles].sort();
      index.apply({ upserts: Array.from({ length: 500 }, (_, i) => entry(`e${i}.md`, `Title e${i}.md`)) });
      assert.equal(titles.size, 0, 'nothing is done before the first query');
      // The first build in slices of no time at all: an edit lands between every two steps.
      let pauses = 0;
      await follower.catchUpInSlices(0, async () => {
        pauses++;
        edit();
      });
      assert.ok(pauses > 1, 'the first build took several slices');
      assert.deepEqual(actual(), expected(), 'after the first build');
      // A change to every entry (a reload) is caught up in slices too, and a cancelled catch-up
      // goes on from where it stopped.
      index.apply({ upserts: [...index.all()].map((one) => entry(one.path, `${one.title} again`)) });
      pauses = 0;
      await follower.catchUpInSlices(0, async () => void pauses++, () => pauses >= 1);
      assert.equal(pauses, 1, 'stopped once cancelled');
      assert.notDeepEqual(actual(), expected());
      await follower.catchUpInSlices(0, async () => void pauses++);
      assert.ok(pauses >= 2, 'several slices for a few hundred changed paths');
      assert.deepEqual(actual(), expected(), 'after a change to every entry');
      for (let round = 0; round < 60; round++) {
        edit();
        if (round % 5 === 0) {
          follower.catchUp();
          assert.deepEqual(actual(), expected(), `round ${round}`);
        }
        if (round % 7 === 3) {
          await follower.catchUpInSlices(0, async () => edit());
          assert.deepEqual(actual(), expected(), `round ${round}, in slices`);
        }
      }
      follower.dispose();
    });
  }

  it('catches up within a budget: part of the first build at a time, and what changed only after it', () => {
    const index = new EntryIndex();
    index.apply({ upserts: Array.from({ length: 1000 }, (_, i) => entry(`e${i}.md`, `Title ${i}`)) });
    const titles = new Map<string, string>();
    const follower = new IndexFollower(index, followedBy(titles));
    follower.catchUpWithin(0);
    assert.ok(titles.size > 0 && titles.size < 1000, `one step of the first build: ${titles.size}`);
    // A change meanwhile to an entry the first build has not reached yet waits for the build's end.
    index.apply({ upserts: [entry('e999.md', 'Renamed')], removals: ['e0.md'] });
    while (titles.size < 999 || titles.has('e0.md')) follower.catchUpWithin(0);
    assert.deepEqual([...titles].sort(), [...index.all()].map((one): [string, string] => [one.path, one.title]).sort());
    assert.equal(titles.get('e999.md'), 'Renamed');
    follower.dispose();
  });

  it('gives tag similarity after edits what a fresh build gives', async () => {
    // Sixty words, so that no word is in a quarter of the entries (such words are passed over).
    const words = Array.from({ length: 60 }, (_, k) => `topic${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + Math.floor(k / 26))}`);
    const titled = (i: number, shift: number) => entry(`s${i}.md`, `${words[(i + shift) % 60]} ${words[(i * 7 + shift) % 60]} ${words[(i * 13) % 60]}`);
    const index = new EntryIndex();
    index.apply({ upserts: Array.from({ length: 400 }, (_, i) => titled(i, 0)) });
    const followed = new SimilarityIndex(index);
    followed.similar(index.get('s1.md')!);
    index.apply({ upserts: Array.from({ length: 150 }, (_, i) => titled(i * 2, 3)), removals: ['s3.md', 's5.md'] });
    await followed.prepareInSlices(0, async () => {});
    const fresh = new SimilarityIndex(index);
    await fresh.prepareInSlices(Infinity, async () => {});
    for (const path of ['s0.md', 's1.md', 's2.md', 's7.md', 's398.md']) {
      const one = index.get(path)!;
      assert.ok(fresh.similar(one).length > 0, path);
      assert.deepEqual(followed.similar(one), fresh.similar(one), path);
    }
    followed.dispose();
    fresh.dispose();
  });

  it('lets a search prepare only what changed since the last one, and find it', () => {
    const index = new EntryIndex();
    index.apply({ upserts: [entry('a.md', 'Alpha'), entry('b.md', 'Beta')] });
    const search = new SearchIndex(index);
    assert.deepEqual(search.search('alpha').map((result) => result.path), ['a.md']);
    index.apply({ upserts: [entry('a.md', 'Gamma')], removals: ['b.md'] });
    assert.deepEqual(search.search('alpha'), []);
    assert.deepEqual(search.search('gamma').map((result) => result.path), ['a.md']);
    assert.deepEqual(search.search('beta'), []);
    search.dispose();
  });
});
