// Warm starts on real knowledge bases: a snapshot of each restores every entry as it was parsed,
// and a warm load from it reuses them all and gives the same index and findings as a cold one.
import * as assert from 'node:assert/strict';
import { runChecks } from '../../src/core/checks/runChecks';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { plainEntry } from '../../src/core/restoredEntry';
import { linesOf, restoreSnapshot, serializeSnapshot, wholeSnapshot } from '../../src/core/snapshot';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { corpusAvailable, cppDocs, dendronSite } from './corpora';

describe('snapshots of the real knowledge bases', function () {
  this.timeout(300_000);

  before(function () {
    if (!corpusAvailable()) this.skip();
  });

  for (const [name, folder] of [
    ['cpp-docs', cppDocs],
    ['dendron-site', dendronSite],
  ] as const) {
    it(`${name}: restores every entry and warm-loads the same index`, async () => {
      const cold = new KnowledgeBase(folder(), new NodeFileSystem());
      await cold.load({ sliceMs: Infinity });
      const { lines, texts } = wholeSnapshot(serializeSnapshot(cold.root, cold.config, cold.index.all()));
      const warm = new KnowledgeBase(cold.root, new NodeFileSystem());
      await warm.loadConfig();
      const restoring = restoreSnapshot({ lines: linesOf(lines), texts }, warm.root, warm.config, warm.stringPool);
      await warm.load({ previous: restoring, configLoaded: true, sliceMs: Infinity });
      const previous = (await restoring)!;
      assert.equal(previous.size, cold.index.size);
      let reused = 0;
      for (const entry of warm.index.all()) if (previous.get(entry.path) === entry) reused++;
      assert.equal(reused, cold.index.size, 'every entry comes from the snapshot');
      assert.deepEqual(warm.index.dump(), cold.index.dump());
      assert.deepEqual(runChecks(warm), runChecks(cold));
      for (const entry of cold.index.all()) assert.deepEqual(plainEntry(warm.index.get(entry.path)!), plainEntry(entry), entry.path);
    });
  }
});
