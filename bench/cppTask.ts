// cpp-docs: Commons' full index against the cheapest pass that reads the same files and parses
// their front matter. The ratio shows what the index itself costs (tags, links, headings, derived
// indexes) on top of work no indexer can avoid.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsYaml from 'js-yaml';
import { splitFrontMatter } from '../src/core/frontMatter';
import { KnowledgeBase } from '../src/core/knowledgeBase';
import { NodeFileSystem } from '../src/node/nodeFileSystem';
import { collectGarbage, median, peakRssMb, timeMs } from './timing';

/** Lists, reads and parses front matter with nothing else: no ignore rules, no body scan, no index. */
export function floorPass(folder: string): { files: number; parsed: number } {
  let files = 0;
  let parsed = 0;
  const visit = (dir: string) => {
    for (const child of fs.readdirSync(dir, { withFileTypes: true })) {
      if (child.isDirectory()) {
        if (!child.name.startsWith('.')) visit(path.join(dir, child.name));
      } else if (child.isFile() && child.name.endsWith('.md')) {
        files++;
        const text = fs.readFileSync(path.join(dir, child.name), 'utf8');
        const block = splitFrontMatter(text);
        if (!block?.closeLine) continue;
        try {
          if (jsYaml.load(block.yaml)) parsed++;
        } catch {
          // A broken block costs the same to find as a good one; the floor only counts the work.
        }
      }
    }
  };
  visit(folder);
  return { files, parsed };
}

async function fullIndex(root: string): Promise<number> {
  const kb = new KnowledgeBase(root, new NodeFileSystem());
  await kb.load({ sliceMs: Infinity });
  return kb.index.size;
}

/** The median wall and CPU times of passes of the floor and of the index, taken in turns. */
interface Passes {
  floorMs: number[];
  indexMs: number[];
  floorCpuMs: number[];
  indexCpuMs: number[];
}

/**
 * Alternating the two keeps slow drift on the machine from favouring either side. With
 * `collectFirst`, a full garbage collection runs before each pass, so that neither pays for the
 * other's garbage; but it also frees every object the last pass made, and V8 then drops their
 * shapes and the optimized code that relied on them (its trace names the reason "weak objects"),
 * so each pass compiles its hot code again: about 145 ms more CPU time per index pass, on helper
 * threads, and the floor's js-yaml pays too. Without it, both run as code does in a long-lived
 * process, where one knowledge base is loaded while others live.
 */
async function timePasses(folder: string, root: string, runs: number, collectFirst: boolean, entries: { count: number }): Promise<Passes> {
  const passes: Passes = { floorMs: [], indexMs: [], floorCpuMs: [], indexCpuMs: [] };
  for (let run = 0; run < runs; run++) {
    if (collectFirst) collectGarbage();
    const floor = await timeMs(() => floorPass(folder));
    passes.floorMs.push(floor.ms);
    passes.floorCpuMs.push(floor.cpuMs);
    if (collectFirst) collectGarbage();
    const indexed = await timeMs(() => fullIndex(root));
    passes.indexMs.push(indexed.ms);
    passes.indexCpuMs.push(indexed.cpuMs);
    entries.count = indexed.value;
  }
  return passes;
}

/** `entriesFolder` is where commons.yml points the index, so both passes read the same files. */
export async function compareWithFloor(root: string, entriesFolder: string, runs = 5): Promise<Record<string, unknown>> {
  const folder = path.join(root, entriesFolder);
  // Untimed passes of each fill the OS page cache and warm each side's code, so both are
  // measured the same way: neither pays for the first disk read or for compiling its code.
  const warm = floorPass(folder);
  await fullIndex(root);
  floorPass(folder);
  await fullIndex(root);
  const entries = { count: 0 };
  const steady = await timePasses(folder, root, runs, false, entries);
  const collected = await timePasses(folder, root, 3, true, entries);
  return {
    files: warm.files,
    parsedFrontMatter: warm.parsed,
    entries: entries.count,
    passes: 2 * (2 + runs + 3),
    floorMs: median(steady.floorMs),
    indexMs: median(steady.indexMs),
    floorCpuMs: median(steady.floorCpuMs),
    indexCpuMs: median(steady.indexCpuMs),
    floorRuns: steady.floorMs,
    indexRuns: steady.indexMs,
    collectedFloorMs: median(collected.floorMs),
    collectedIndexMs: median(collected.indexMs),
    peakRssMb: peakRssMb(),
  };
}
