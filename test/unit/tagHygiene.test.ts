import * as assert from 'node:assert/strict';
import { nearDuplicateTags, sameTagReason, type TagDuplicate } from '../../src/core/tagHygiene';
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

/** The rule as first written, every pair in order: the near-linear search must find the same. */
function pairwise(counts: Map<string, number>, vocabulary: Vocabulary): TagDuplicate[] {
  const everyPair = (tags: string[]) => {
    const pairs: number[] = [];
    for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) pairs.push(i * tags.length + j);
    return pairs;
  };
  return nearDuplicateTags(counts, vocabulary, everyPair);
}
