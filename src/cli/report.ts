// `commons report [dir] [--out FILE]`: the community health report in Markdown. With --out, each
// chart is written as an SVG file beside the report and shown through an image link, which GitHub,
// GitLab and most wikis render (they strip inline <svg> from Markdown). Without --out the report
// goes to standard output with the charts inline, which editor previews and HTML renderers show.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { GitHistory } from '../core/git/history';
import { computeHealth } from '../core/insight/metrics';
import { CHART_TITLES } from '../core/insight/healthCharts';
import { chartFileName, renderReport } from '../core/insight/reportMarkdown';
import { NodeGitRunner } from '../node/nodeGitRunner';
import { UsageError } from './changedFiles';
import { configErrors, openKnowledgeBase, type Io } from './commands';
import { plural } from '../core/plural';

const git = new NodeGitRunner();

export async function report(dir: string | undefined, out: string | undefined, io: Io, now = Date.now()): Promise<number> {
  const kb = await openKnowledgeBase(dir, { io });
  // As stats does: a report read with a broken commons.yml is the defaults' report (its errors are said).
  const code = configErrors(kb).length ? 2 : 0;
  const history = new GitHistory(git, kb.root);
  await history.update().catch((error: Error) => io.err(`git history unavailable: ${error.message}`));
  const health = computeHealth({ index: kb.index, config: kb.config, history, now, isEntryPath: (p) => kb.isEntryPath(p) });
  const name = kb.config.name ?? path.basename(kb.root);

  if (!out) {
    io.out(renderReport(health, { name, standaloneCharts: true, embedChart: (_, svg) => svg, linkTo: urlPath }));
    return code;
  }
  const target = path.resolve(out);
  if ((await fsp.stat(target).catch(() => undefined))?.isDirectory()) throw new UsageError(`--out names the folder ${out}: give a file name, e.g. ${path.join(out, 'health.md')}`);
  const folder = path.dirname(target);
  const stem = path.basename(target).replace(/\.(md|markdown)$/i, '');
  const charts = new Map<string, string>();
  const markdown = renderReport(health, {
    name,
    standaloneCharts: true,
    embedChart: (chart, svg) => {
      const file = chartFileName(stem, chart);
      charts.set(file, svg);
      return `![${CHART_TITLES[chart]}](${urlPath(file)})`;
    },
    linkTo: (entry) => urlPath(path.relative(folder, kb.absolutePath(entry)).split(path.sep).join('/')),
  });
  await fsp.mkdir(folder, { recursive: true });
  for (const [file, svg] of charts) await fsp.writeFile(path.join(folder, file), svg + '\n');
  await fsp.writeFile(target, markdown + '\n');
  io.out(`wrote ${path.relative(process.cwd(), target) || target} and ${plural(charts.size, 'chart')} beside it`);
  return code;
}

/** A relative path as a link: each name percent-encoded, so `#` and `?` in a file name are not read as a fragment or a query. */
function urlPath(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}
