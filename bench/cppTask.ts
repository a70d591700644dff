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

/** `entriesFolder` is where commons.yml points the index, so both passes read the same files. */
export async function compareWithFloor(root: string, entriesFolder: string, runs = 3): Promise<Record<string, unknown>> {
  const folder = path.join(root, entriesFolder);
  // One untimed pass of each fills the OS page cache and warms each side's code, so both are
  // measured the same way: neither pays for the first disk read or for compiling its code.
  const warm = floorPass(folder);
  await fullIndex(root);
  const floorMs: number[] = [];
  const indexMs: number[] = [];
  const floorCpuMs: number[] = [];
  const indexCpuMs: number[] = [];
  let entries = 0;
  for (let run = 0; run < runs; run++) {
    // Alternating the two keeps slow drift on the machine from favouring either side.
    collectGarbage();
    const floor = await timeMs(() => floorPass(folder));
    floorMs.push(floor.ms);
    floorCpuMs.push(floor.cpuMs);
    collectGarbage();
    const indexed = await timeMs(() => fullIndex(root));
    indexMs.push(indexed.ms);
    indexCpuMs.push(indexed.cpuMs);
    entries = indexed.value;
  }
  return {
    files: warm.files,
    parsedFrontMatter: warm.parsed,
    entries,
    floorMs: median(floorMs),
    indexMs: median(indexMs),
    floorCpuMs: median(floorCpuMs),
    indexCpuMs: median(indexCpuMs),
    floorRuns: floorMs,
    indexRuns: indexMs,
    peakRssMb: peakRssMb(),
  };
}
