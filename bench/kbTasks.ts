// The large generated knowledge base: a cold index, a warm start from a snapshot, and the
// interactive operations that run on top of a loaded index. Each exported task runs in its own
// process, so its peak memory and its timings belong to it alone.
import * as fs from 'node:fs';
import { KnowledgeBase } from '../src/core/knowledgeBase';
import { restoreSnapshot, serializeSnapshot } from '../src/core/snapshot';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { readSnapshotLines, writeSnapshotFile } from '../src/node/snapshotFile';
import { measureOperations } from './kbOperations';
import { collectGarbage, heapUsedMb, peakRssMb, timeMs } from './timing';

export async function coldIndex(root: string, snapshotPath: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  const load = await timeMs(() => kb.load({ sliceMs: Infinity }));
  const rssAfterIndex = peakRssMb();
  const heapAfterIndex = heapUsedMb();
  const snapshot = await timeMs(async () => {
    await writeSnapshotFile(snapshotPath, serializeSnapshot(kb.root, kb.config, kb.index.all()));
    return fs.statSync(snapshotPath).size;
  });
  return {
    entries: kb.index.size,
    loadMs: load.ms,
    loadCpuMs: load.cpuMs,
    peakRssMb: rssAfterIndex,
    heapUsedMb: heapAfterIndex,
    snapshotMs: snapshot.ms,
    snapshotMb: snapshot.value / 1024 / 1024,
    peakRssWithSnapshotMb: peakRssMb(),
  };
}

export async function warmStart(root: string, snapshotPath: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  const restore = await timeMs(async () => {
    await kb.loadConfig();
    return restoreSnapshot(readSnapshotLines(snapshotPath), kb.root, kb.config, kb.stringPool);
  });
  const previous = restore.value;
  if (!previous) throw new Error('the snapshot did not fit the knowledge base: run the cold task first');
  collectGarbage();
  const load = await timeMs(() => kb.load({ previous, sliceMs: Infinity }));
  let reused = 0;
  for (const entry of kb.index.all()) if (previous.get(entry.path) === entry) reused++;
  return {
    entries: kb.index.size,
    reused,
    restoreMs: restore.ms,
    loadMs: load.ms,
    totalMs: restore.ms + load.ms,
    totalCpuMs: restore.cpuMs + load.cpuMs,
    peakRssMb: peakRssMb(),
  };
}

export async function operations(root: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  const load = await timeMs(() => kb.load({ sliceMs: Infinity }));
  const figures = await measureOperations(kb);
  return { entries: kb.index.size, loadMs: load.ms, ...figures, peakRssMb: peakRssMb() };
}
