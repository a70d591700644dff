// Warm starts on a real file system: an entry is reused only when its file is the one the snapshot
// read, even when a tool wrote it again with the same size and put its old mtime back (`touch -d`,
// `cp -p`, `rsync -t`, an archive unpacked), as git notices through the file's change time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import type { FileSystem } from '../../src/core/ports';
import { plainEntry } from '../../src/core/restoredEntry';
import { restoreSnapshot, serializeSnapshot } from '../../src/core/snapshot';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { snapshotSource, writeSnapshotFile } from '../../src/node/snapshotFile';
import { tempFolder } from './tempFolder';

/** The Node file system without its reader thread: files are read one at a time through the port. */
function withoutReader(inner: NodeFileSystem): FileSystem {
  return {
    readDirectory: (p) => inner.readDirectory(p),
    readFile: (p) => inner.readFile(p),
    readEntryFile: (p, maxBytes) => inner.readEntryFile(p, maxBytes),
    stat: (p) => inner.stat(p),
    writeFile: (p, data) => inner.writeFile(p, data),
    createFile: (p, data) => inner.createFile(p, data),
    deleteFile: (p) => inner.deleteFile(p),
    join: (...parts) => inner.join(...parts),
  };
}

async function loaded(root: string, files: FileSystem, previous?: ReturnType<typeof restoreSnapshot>): Promise<KnowledgeBase & { reused: number }> {
  const kb = new KnowledgeBase(root, files);
  await kb.loadConfig();
  const { reused } = await kb.load({ sliceMs: Infinity, configLoaded: true, previous });
  return Object.assign(kb, { reused });
}

/** Writes `text` over the file and puts its old modification time back, as `touch -d` does. */
function rewriteKeepingMtime(file: string, text: string): void {
  const before = fs.statSync(file);
  assert.equal(Buffer.byteLength(text), before.size, 'the new text has the old size');
  fs.writeFileSync(file, text);
  fs.utimesSync(file, before.atime, before.mtime);
  assert.equal(fs.statSync(file).mtimeMs, before.mtimeMs);
}

for (const [name, files] of [
  ['through the reader thread', new NodeFileSystem()],
  ['one file at a time', withoutReader(new NodeFileSystem())],
] as const) {
  describe(`warm starts on disk, ${name}`, () => {
    it('reads again a file rewritten with its old size and mtime, and reuses the others', async () => {
      const root = tempFolder('commons-warm');
      fs.writeFileSync(path.join(root, 'a.md'), '---\ntitle: Alpha\ntags: [one]\n---\n# Alpha\n');
      fs.writeFileSync(path.join(root, 'b.md'), '---\ntitle: Beta\n---\nSee [[Alpha]].\n');
      // Whole seconds, which utimes puts back exactly.
      const longAgo = new Date('2024-01-02T03:04:05Z');
      for (const file of ['a.md', 'b.md']) fs.utimesSync(path.join(root, file), longAgo, longAgo);
      const first = await loaded(root, files);
      const snapshot = path.join(tempFolder('commons-warm-snapshot'), 'snapshot.jsonl');
      await writeSnapshotFile(snapshot, serializeSnapshot(first.root, first.config, first.index.all()));

      rewriteKeepingMtime(path.join(root, 'a.md'), '---\ntitle: Gamma\ntags: [two]\n---\n# Gamma\n');
      const warm = await loaded(root, files, restoreSnapshot(snapshotSource(snapshot), first.root, first.config));
      const cold = await loaded(root, files);
      assert.equal(warm.index.get('a.md')?.title, 'Gamma');
      assert.deepEqual(warm.index.dump(), cold.index.dump());
      for (const entry of cold.index.all()) assert.deepEqual(plainEntry(warm.index.get(entry.path)!), plainEntry(entry), entry.path);
      assert.equal(warm.reused, 1, 'b.md is reused');
    });
  });
}
