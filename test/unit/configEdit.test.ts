import * as assert from 'node:assert/strict';
import { addVocabularyTag, renameVocabularyTag } from '../../src/core/edit/configEdit';
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

  it('renames a declared tag in place, and leaves a merge and an undeclared tag alone', () => {
    const text = 'tags:\n  # the platform\n  kubernetes: { aliases: [k8s] } # k8s\n  "ci": {}\nvocabulary: closed\n';
    const rename = (from: string, to: string, config = text) => {
      const result = renameVocabularyTag(config, from, to);
      if (!result.ok) throw new Error(result.reason);
      return applyEdits(config, result.edits);
    };
    assert.equal(rename('kubernetes', 'k8s-platform'), text.replace('  kubernetes:', '  k8s-platform:'));
    assert.equal(rename('ci', 'needs: quotes'), text.replace('"ci"', '"needs: quotes"'));
    assert.equal(rename('kubernetes', 'ci'), text, 'a merge');
    assert.equal(rename('terraform', 'tf'), text, 'not declared');
    assert.equal(rename('a', 'c', 'tags: { a: {}, b: {} }\n'), 'tags: { c: {}, b: {} }\n');
    assert.equal(renameVocabularyTag('tags: [a\n', 'a', 'b').ok, false);
  });
});
