import * as assert from 'node:assert/strict';
import { judgedPairs, nearDuplicateTags, sameTagReason, spellingFamilies, type TagDuplicate } from '../../src/core/tagHygiene';
import { Random } from '../../bench/random';
import { Vocabulary } from '../../src/core/vocabulary';

describe('tag hygiene', () => {
  it('finds case, plural, spelling and alias duplicates and says which tag to keep', () => {
    const vocabulary = new Vocabulary({ kubernetes: { aliases: ['k8s'], stewards: [] }, incidents: { aliases: [], stewards: [] } });
    const counts = new Map([
      ['kubernetes', 10], ['Kubernetes', 2], ['k8s', 3], ['incident', 4], ['incidents', 1],
      ['observability', 5], ['observabilty', 1], ['ci', 4], ['cd', 3], ['postgres', 2],
    ]);
    assert.deepEqual(nearDuplicateTags(counts, vocabulary), [
      { tag: 'incident', keep: 'incidents', reason: 'plural' },
      { tag: 'k8s', keep: 'kubernetes', reason: 'alias' },
      { tag: 'Kubernetes', keep: 'kubernetes', reason: 'case' },
      { tag: 'observabilty', keep: 'observability', reason: 'spelling' },
    ]);
  });

  it('finds what comparing every pair of tags finds, on random tag sets', () => {
    const random = new Random(21);
    const stems = ['deploy', 'deploys', 'Deploy', 'deplyo', 'incident', 'incidents', 'incidnet', 'policy', 'policies', 'box', 'boxes', 'metrics', 'metric', 'kubernetes', 'kubernetas'];
    for (let round = 0; round < 200; round++) {
      const counts = new Map<string, number>();
      for (let i = random.int(2, 30); i > 0; i--) {
        let tag = random.pick(stems);
        if (random.next() < 0.3) tag += random.pick(['', 's', 'x', '/a', '-ops', 'e']);
        if (random.next() < 0.2) tag = tag.toUpperCase();
        counts.set(tag, random.int(1, 5));
      }
      const vocabulary = new Vocabulary(random.next() < 0.5 ? {} : { deploy: { aliases: ['ship'], stewards: [] }, incidents: { aliases: [], stewards: [] } });
      assert.deepEqual(nearDuplicateTags(counts, vocabulary), pairwise(counts, vocabulary), [...counts.keys()].join(' '));
    }
  });

  it('takes tags that differ in a number, or names from code, for different tags, not a slip', () => {
    assert.equal(sameTagReason('Compiler Error C2065', 'Compiler Error C2066'), undefined);
    assert.equal(sameTagReason('compiler-eror', 'compiler-error'), 'spelling');
    for (const [a, b] of [['__addgsbyte intrinsic', '__addfsbyte intrinsic'], ['/Zi compiler option', '/ZI compiler option'], ['CFileDialog [MFC], GetResults', 'CFileDialog [MFC], GetResult'], ['AddBeziers', 'AddBezier'], ['float.h header', 'FLOAT.H header']]) {
      assert.equal(sameTagReason(a, b), undefined, `${a} / ${b}`);
    }
    assert.equal(sameTagReason('Compiler Intrinsics', 'compiler intrinsics'), 'case');
    assert.equal(sameTagReason('observability/logs', 'observability/log'), 'plural');
    // A family of names one letter apart is no slip; a lone neighbour is.
    const counts = new Map([['acos function', 3], ['acosf function', 1], ['acosl function', 1], ['observability', 5], ['observabilty', 1]]);
    assert.deepEqual(nearDuplicateTags(counts, new Vocabulary({})), [{ tag: 'observabilty', keep: 'observability', reason: 'spelling' }]);
  });

  it('stays near linear on tens of thousands of tags', function () {
    this.timeout(20_000);
    const counts = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) counts.set(`Compiler Error C${10_000 + i} in header file number ${i % 97}`, 1);
    counts.set('observability', 2);
    counts.set('observabilty', 1);
    // Comparing every pair here took minutes; the time limit only catches that.
    assert.deepEqual(nearDuplicateTags(counts, new Vocabulary({})), [{ tag: 'observabilty', keep: 'observability', reason: 'spelling' }]);
  });
});

/** The rule as first written: every pair, in order. The near-linear search must agree with it. */
function pairwise(counts: Map<string, number>, vocabulary: Vocabulary): TagDuplicate[] {
  const duplicates: TagDuplicate[] = [];
  const tags = [...counts.keys()].sort();
  const seen = new Set<string>();
  const better = (a: string, b: string) => {
    const aKnown = !vocabulary.isEmpty && vocabulary.describe(a) !== undefined;
    const bKnown = !vocabulary.isEmpty && vocabulary.describe(b) !== undefined;
    if (aKnown !== bKnown) return aKnown ? a : b;
    return (counts.get(a) ?? 0) >= (counts.get(b) ?? 0) ? a : b;
  };
  for (const tag of tags) {
    const target = vocabulary.aliasOf(tag);
    if (target && target !== tag) {
      duplicates.push({ tag, keep: target, reason: 'alias' });
      seen.add(tag);
    }
  }
  const everyPair: number[] = [];
  for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) everyPair.push(i * tags.length + j);
  const family = spellingFamilies(judgedPairs(tags, everyPair));
  for (let i = 0; i < tags.length; i++) {
    for (let j = i + 1; j < tags.length; j++) {
      const [a, b] = [tags[i], tags[j]];
      if (seen.has(a) || seen.has(b)) continue;
      const reason = sameTagReason(a, b);
      if (!reason || (reason === 'spelling' && (family.has(a) || family.has(b)))) continue;
      const keep = better(a, b);
      const drop = keep === a ? b : a;
      duplicates.push({ tag: drop, keep, reason });
      seen.add(drop);
    }
  }
  return duplicates.sort((x, y) => x.keep.localeCompare(y.keep) || x.tag.localeCompare(y.tag));
}
