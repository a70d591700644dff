import * as assert from 'node:assert/strict';
import { addVocabularyTag, renameLearningPathEntries, renameVocabularyTag } from '../../src/core/edit/configEdit';
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
    // Typed in another letter case, with its children.
    assert.equal(rename('Kubernetes', 'platform', 'tags:\n  kubernetes: {}\n  kubernetes/helm: {}\n'), 'tags:\n  platform: {}\n  platform/helm: {}\n');
    assert.equal(renameVocabularyTag('tags: [a\n', 'a', 'b').ok, false);
  });

  it('renames a tag in a vocabulary written as a list of names, with its children', () => {
    const rename = (config: string, from: string, to: string) => {
      const result = renameVocabularyTag(config, from, to);
      if (!result.ok) throw new Error(result.reason);
      return applyEdits(config, result.edits);
    };
    assert.equal(rename('vocabulary: closed\ntags: [kubernetes, ops] # ours\n', 'kubernetes', 'platform'), 'vocabulary: closed\ntags: [platform, ops] # ours\n');
    assert.equal(rename('tags:\n  - ops\n  - "ops/logs"\n', 'Ops', 'operations'), 'tags:\n  - operations\n  - "operations/logs"\n');
    assert.equal(rename('tags: [a, b]\n', 'a', 'b'), 'tags: [a, b]\n', 'a merge keeps the list');
  });

  it('moves learning path entries with their file or folder, in their own quoting', () => {
    const text = [
      'name: G',
      'paths:',
      '  # for the first days',
      '  - name: First week',
      '    entries:',
      '      - docs/start/welcome.md # read first',
      "      - 'docs/start/setup guide.md'",
      '      - docs/practices/review.md',
      '  - { name: Later, entries: [docs/start/welcome.md, "docs/start-here.md"] }',
      'ignore: [docs/start/drafts/**]',
      '',
    ].join('\n');
    const move = (renames: Array<{ from: string; to: string }>, config = text) => {
      const result = renameLearningPathEntries(config, renames);
      if (!result.ok) throw new Error(result.reason);
      return applyEdits(config, result.edits);
    };
    assert.equal(move([{ from: 'docs/start/welcome.md', to: 'docs/start/hello.md' }]), text.replaceAll('docs/start/welcome.md,', 'docs/start/hello.md,').replace('- docs/start/welcome.md #', '- docs/start/hello.md #'));
    // Written as check reads it: ./ and doubled slashes name the same entry.
    assert.equal(move([{ from: 'docs/a.md', to: 'docs/b.md' }], 'paths:\n  - { name: P, entries: [./docs/a.md, docs//a.md] }\n'), 'paths:\n  - { name: P, entries: [docs/b.md, docs/b.md] }\n');
    // A folder moves what is inside it, and nothing whose name only starts the same; ignore: is not a learning path.
    assert.equal(
      move([{ from: 'docs/start', to: 'docs/onboarding' }]),
      text.replace('- docs/start/welcome.md #', '- docs/onboarding/welcome.md #').replace("'docs/start/setup guide.md'", "'docs/onboarding/setup guide.md'").replace('[docs/start/welcome.md,', '[docs/onboarding/welcome.md,'),
    );
    // A name that needs quotes in a flow list gets them.
    assert.equal(move([{ from: 'docs/start-here.md', to: 'docs/a, b.md' }]), text.replace('"docs/start-here.md"', '"docs/a, b.md"'));
    assert.equal(move([{ from: 'docs/other.md', to: 'docs/x.md' }]), text, 'not in a path');
    assert.equal(move([{ from: 'a.md', to: 'b.md' }], 'name: G\n'), 'name: G\n');
    assert.equal(renameLearningPathEntries('paths: [a\n', [{ from: 'a', to: 'b' }]).ok, false);
  });
});
