import * as assert from 'node:assert/strict';
import { addVocabularyTag } from '../../src/core/edit/configEdit';
import { applyEdits } from '../../src/core/edit/textEdit';

function add(text: string, tag: string): string {
  const result = addVocabularyTag(text, tag);
  if (!result.ok) throw new Error(result.reason);
  return applyEdits(text, result.edits);
}

describe('commons.yml edits', () => {
  it('adds a tag after the last one, keeping comments and indentation', () => {
    const text = 'name: G # guild\ntags:\n    kubernetes: { aliases: [k8s] }\n    # testing is broad\n    testing:\n      description: Tests\nvocabulary: closed\n';
    assert.equal(add(text, 'terraform'), text.replace('      description: Tests\n', '      description: Tests\n    terraform: {}\n'));
  });

  it('adds to flow maps, creates the key when missing, and refuses broken YAML', () => {
    assert.equal(add('tags: { a: {} }\n', 'b'), 'tags: { a: {}, b: {} }\n');
    assert.equal(add('name: G', 'b'), 'name: G\ntags:\n  b: {}\n');
    assert.equal(add('tags:\n  a: {}\n', 'a'), 'tags:\n  a: {}\n');
    assert.equal(addVocabularyTag('tags: [a\n', 'b').ok, false);
  });
});
