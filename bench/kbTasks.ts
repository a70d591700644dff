// The large generated knowledge base: a cold index, a warm start from a snapshot, and the
// interactive operations that run on top of a loaded index. Each exported task runs in its own
// process, so its peak memory and its timings belong to it alone.
import * as fs from 'node:fs';
import { KnowledgeBase } from '../src/core/knowledgeBase';
import { restoreSnapshot, serializeSnapshot } from '../src/core/snapshot';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { snapshotSource, snapshotTextsFile, writeSnapshotFile } from '../src/node/snapshotFile';
import { measureOperations } from './kbOperations';
import { collectGarbage, heapUsedMb, peakRssMb, timeMs } from './timing';

export async function coldIndex(root: string, snapshotPath: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  const load = await timeMs(() => kb.load({ sliceMs: Infinity }));
  const rssAfterIndex = peakRssMb();
  const heapAfterIndex = heapUsedMb();
  const snapshot = await timeMs(async () => {
    await writeSnapshotFile(snapshotPath, serializeSnapshot(kb.root, kb.config, kb.index.all()));
    // Both parts: the lines and the texts beside them.
    return fs.statSync(snapshotPath).size + fs.statSync(snapshotTextsFile(snapshotPath)).size;
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

/** A warm start as the editor makes it: the snapshot is restored while the load stats the files. */
export async function warmStart(root: string, snapshotPath: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  let restoredAtMs = 0;
  const started = performance.now();
  const warm = await timeMs(async () => {
    await kb.loadConfig();
    const restoring = restoreSnapshot(snapshotSource(snapshotPath), kb.root, kb.config, kb.stringPool).then((entries) => {
      restoredAtMs = performance.now() - started;
      return entries;
    });
    await kb.load({ previous: restoring, configLoaded: true, sliceMs: Infinity });
    return restoring;
  });
  const previous = warm.value;
  if (!previous) throw new Error('the snapshot did not fit the knowledge base: run the cold task first');
  let reused = 0;
  for (const entry of kb.index.all()) if (previous.get(entry.path) === entry) reused++;
  const peakAfterStart = peakRssMb();
  // What the editor does next: the link sources, in slices (read from the packed links, which stay packed).
  const linkSources = await timeMs(() => kb.prepareLinkSources());
  return {
    entries: kb.index.size,
    reused,
    restoredAtMs,
    totalMs: warm.ms,
    totalCpuMs: warm.cpuMs,
    peakRssMb: peakAfterStart,
    linkSourcesMs: linkSources.ms,
    peakRssWithLinksMb: peakRssMb(),
  };
}

export async function operations(root: string): Promise<Record<string, unknown>> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  const load = await timeMs(() => kb.load({ sliceMs: Infinity }));
  const figures = await measureOperations(kb);
  return { entries: kb.index.size, loadMs: load.ms, ...figures, peakRssMb: peakRssMb() };
}
