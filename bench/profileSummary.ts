// Summarizes a V8 CPU profile (from `node --cpu-prof`, or BENCH_CPU_PROF with run.js): the
// functions and the source files with the most self time. Reading the top of this list is
// usually enough to see where a missed target went, without opening a profiler UI.
//
//   node out/bench/profileSummary.js /tmp/prof/kb-cold.cpuprofile [top]
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(file: string, top: number): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? frame.url.replace(/^.*\/(out|node_modules)\//, '$1/') : '(native)';
    const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + delta);
    selfByFile.set(where, (selfByFile.get(where) ?? 0) + delta);
    total += delta;
  });
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  print('Self time by function', selfByFunction);
  print('Self time by file', selfByFile);
}

summarize(process.argv[2], Number(process.argv[3] ?? 25));
