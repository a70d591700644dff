import * as assert from 'node:assert/strict';
import { nearDuplicateTags } from '../../src/core/tagHygiene';
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
});
