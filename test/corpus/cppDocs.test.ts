// cpp-docs: 9,746 real entries with an existing field vocabulary and five files strict YAML rejects.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runChecks } from '../../src/core/checks/runChecks';
import { editText, planTagRename } from '../../src/core/edit/tagOperations';
import { applyEdits } from '../../src/core/edit/textEdit';
import { formatScalar } from '../../src/core/edit/frontMatterEdit';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import * as nodeFs from 'node:fs';
import { corpusAvailable, cppDocs } from './corpora';

describe('cpp-docs corpus', function () {
  this.timeout(300_000);
  let kb: KnowledgeBase;
  const fs = new NodeFileSystem();

  before(async function () {
    if (!corpusAvailable()) this.skip();
    kb = new KnowledgeBase(cppDocs(), fs);
    await kb.load({ sliceMs: Infinity });
  });

  it('indexes all 9,746 entries with helpviewer_keywords as tags', () => {
    assert.equal(kb.index.size, 9746);
    const tagged = [...kb.index.all()].filter((entry) => entry.tags.length).length;
    assert.ok(tagged > 9746 * 0.9, `only ${tagged} entries have tags`);
    assert.ok(kb.index.tagCounts().get('C++ Build Insights')! > 100);
  });

  it('reports exactly the five strict-YAML files and still reads them', () => {
    const strict = runChecks(kb).filter((f) => f.rule === 'front-matter-strict-yaml');
    assert.deepEqual(strict.map((f) => path.basename(f.file)).sort(), [
      'drop-while-view-class.md', 'lazy-split-view-class.md', 'split-view-class.md', 'take-view-class.md', 'take-while-view-class.md',
    ]);
    for (const finding of strict) {
      assert.ok(kb.index.get(finding.file)!.tags.length > 5, `${finding.file} lost its tags`);
      assert.ok(finding.line > 2, 'points at the offending line');
    }
  });

  it('adds then removes a tag on every entry byte-identically (except the five it refuses)', () => {
    const key = 'helpviewer_keywords';
    const refused: string[] = [];
    let roundTrips = 0;
    for (const entry of kb.index.all()) {
      const original = nodeFs.readFileSync(kb.absolutePath(entry.path), 'utf8');
      const added = editText(original, (editor) => editor.addToList(key, ['commons round-trip']));
      if (!added.ok) {
        refused.push(entry.path);
        continue;
      }
      const withTag = applyEdits(original, added.edits);
      assert.notEqual(withTag, original);
      const removed = editText(withTag, (editor) => editor.removeFromList(key, ['commons round-trip']));
      assert.ok(removed.ok, entry.path);
      assert.equal(applyEdits(withTag, removed.ok ? removed.edits : []), original, entry.path);
      roundTrips++;
    }
    assert.equal(refused.length, 5, refused.join(', '));
    assert.equal(roundTrips, 9741);
  });

  it('renames a tag changing only the tag text', async () => {
    const from = 'C++ Build Insights';
    const to = 'build-insights';
    const plan = await planTagRename(kb, fs, from, to);
    assert.equal(plan.changes.length + plan.refused.length, [...kb.index.all()].filter((e) => e.writtenTags.includes(from)).length);
    assert.ok(plan.changes.length > 100);
    for (const change of plan.changes) {
      const beforeLines = change.before.split('\n');
      const afterLines = change.after.split('\n');
      assert.equal(afterLines.length, beforeLines.length, change.path);
      beforeLines.forEach((line, i) => {
        if (line === afterLines[i]) return;
        // The only difference on a changed line is the quoted tag replaced in place.
        const quoted = line.includes(`"${from}"`) ? [`"${from}"`, formatScalar(to, 'QUOTE_DOUBLE')] : [from, to];
        assert.equal(afterLines[i], line.split(quoted[0]).join(quoted[1]), `${change.path}:${i + 1}`);
      });
    }
  });
});
