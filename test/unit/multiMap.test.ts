// The derived indexes' map of keys to values holds each key's values as a lone value, a small
// array, a Set or bits, and switches as keys grow and shrink. Whatever it holds, it must answer as
// a plain map of Sets would.
import * as assert from 'node:assert/strict';
import { IdBits } from '../../src/core/index/idBits';
import { MultiMap } from '../../src/core/index/multiMap';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sameAsReference<V extends string | number>(map: MultiMap<string, V>, reference: Map<string, Set<V>>, message: string): void {
  const sorted = (values: Iterable<V>) => [...values].sort();
  assert.deepEqual([...map.keys()].sort(), [...reference.keys()].sort(), `${message}: keys`);
  for (const [key, values] of reference) {
    assert.equal(map.size(key), values.size, `${message}: size of ${key}`);
    assert.deepEqual(sorted(map.values(key)), sorted(values), `${message}: values of ${key}`);
    assert.deepEqual(sorted(map.get(key)), sorted(values), `${message}: get ${key}`);
  }
  assert.deepEqual([...map.sizes()].sort(), [...reference].map(([key, values]) => [key, values.size]).sort(), `${message}: sizes`);
}

/** A MultiMap and a plain map of Sets, changed together. */
function mirrored<V extends string | number>() {
  const map = new MultiMap<string, V>();
  const reference = new Map<string, Set<V>>();
  const add = (key: string, value: V) => {
    map.add(key, value);
    reference.set(key, (reference.get(key) ?? new Set()).add(value));
  };
  const remove = (key: string, value: V) => {
    map.delete(key, value);
    reference.get(key)?.delete(value);
    if (reference.get(key)?.size === 0) reference.delete(key);
  };
  return { map, reference, add, remove };
}

describe('MultiMap', () => {
  for (const seed of [1, 2, 3]) {
    it(`answers as a map of Sets through random adds and deletes of ids (seed ${seed})`, () => {
      const next = random(seed);
      const { map, reference, add, remove } = mirrored<number>();
      // Keys of every size: a few popular ones (bits), middling ones (Sets), rare ones (arrays, lone ids).
      const keys = ['popular', 'common', ...Array.from({ length: 40 }, (_, i) => `key${i}`)];
      for (let step = 0; step < 20_000; step++) {
        const roll = next();
        const key = roll < 0.3 ? 'popular' : roll < 0.4 ? 'common' : keys[2 + Math.floor(next() * 40)];
        const id = Math.floor(next() * (key === 'popular' ? 2_000 : 5_000));
        // Deletes outnumber adds in some stretches, so keys shrink back through every form.
        const deleting = next() < (Math.floor(step / 4_000) % 2 === 0 ? 0.3 : 0.7);
        if (deleting) remove(key, id);
        else add(key, id);
        if (step % 1_000 === 999) sameAsReference(map, reference, `step ${step}`);
      }
      sameAsReference(map, reference, 'end');
    });
  }

  it('answers the same when a key filled early with few ids later gets ids far apart, or numbers that are not ids', () => {
    const { map, reference, add } = mirrored<number>();
    // Dense while the ids are few (bits), then sparse as they spread over a large range.
    for (let id = 0; id < 20; id++) add('early', id);
    for (let id = 20; id < 200_000; id += 997) add('early', id);
    sameAsReference(map, reference, 'spread');
    for (const odd of [-1, 1.5, 2 ** 31, -0.5]) add('early', odd);
    for (const odd of [-1, 1.5, 2 ** 40, 3, 4, 5, 6, 7, 8, 9, 10]) add('odd', odd);
    sameAsReference(map, reference, 'odd numbers');
    for (const value of [...reference.get('early')!]) map.delete('early', value);
    assert.equal(map.size('early'), 0);
    assert.deepEqual([...map.keys()], ['odd']);
  });

  it('keeps numbers that are not ids out of keys held as bits, while the keys are dense', () => {
    const { map, reference, add, remove } = mirrored<number>();
    // A key that is an array with a non-id when it outgrows arrays, while ids are few (dense).
    add('array', 1.5);
    for (let id = 0; id < 8; id++) add('array', id);
    // A key that is bits, then is given non-ids, and asked to delete them.
    for (let id = 0; id < 40; id++) add('bits', id);
    for (const odd of [-1, 1.5, 2 ** 32 + 5, 33.5]) add('bits', odd);
    // More ids while the key holds non-ids: it must not turn back into bits.
    for (let id = 40; id < 60; id++) add('bits', id);
    sameAsReference(map, reference, 'non-ids added');
    for (let id = 0; id < 40; id++) add('bits2', id);
    for (const odd of [1.5, -1, 2 ** 32 + 5, 32.25]) remove('bits2', odd);
    sameAsReference(map, reference, 'non-ids deleted from bits: no id lost');
    for (const odd of [-1, 1.5, 2 ** 32 + 5, 33.5]) remove('bits', odd);
    remove('array', 1.5);
    sameAsReference(map, reference, 'non-ids deleted');
  });

  it('keeps text values and forgets emptied keys', () => {
    const { map, reference, add } = mirrored<string>();
    for (let i = 0; i < 50; i++) add('folder', `sub${i}`);
    sameAsReference(map, reference, 'filled');
    for (let i = 0; i < 50; i++) map.delete('folder', `sub${i}`);
    assert.deepEqual([...map.keys()], []);
    assert.equal(map.size('folder'), 0);
  });
});

describe('IdBits', () => {
  it('adds, deletes and lists ids in ascending order, growing past its first capacity', () => {
    const bits = new IdBits([5, 3], 8);
    assert.equal(bits.add(100_000), bits);
    bits.add(31).add(32).add(3);
    assert.equal(bits.size, 5);
    assert.deepEqual([...bits], [3, 5, 31, 32, 100_000]);
    assert.equal(bits.delete(5), true);
    assert.equal(bits.delete(5), false);
    assert.equal(bits.delete(1 << 30), false);
    assert.equal(bits.holds(100_000), true);
    assert.equal(bits.holds(1 << 30), false);
    assert.deepEqual([...bits], [3, 31, 32, 100_000]);
    assert.equal(bits.size, 4);
  });
});
