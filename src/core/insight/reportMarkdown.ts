// The health report as Markdown: the dashboard's figures, charts and maturity evidence in a form a
// repository README or wiki can show. How charts are embedded (image files or inline SVG) and how
// entries are linked is up to the caller, since only it knows where the report will live.
import { isoDay } from '../freshness';
import { healthCharts, type HealthCharts } from './healthCharts';
import { formatMeasure, formatThreshold, STAGES } from './maturity';
import type { CommunityHealth } from './metrics';
import { plural } from '../plural';

export interface ReportOptions {
  name: string;
  /** Markdown that shows one chart: an image link to a file, or the SVG itself. */
  embedChart(name: keyof HealthCharts, svg: string): string;
  /** The link target for an entry (KB-relative path in, URL out). */
  linkTo(path: string): string;
  standaloneCharts: boolean;
}

/** Entry text is untrusted: escape what Markdown or HTML would otherwise interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function percent(share: number | undefined): string {
  return share === undefined ? 'not measured' : `${Math.round(share * 100)} %`;
}

function linkDestination(target: string): string {
  return `<${target.replace(/[<>\n\r]/g, encodeURIComponent)}>`;
}

export function renderReport(health: CommunityHealth, options: ReportOptions): string {
  const charts = healthCharts(health, { standalone: options.standaloneCharts });
  const { maturity, questions, review, contributors, tags } = health;
  const lines: string[] = [];
  const commits = health.history.available
    ? `${health.history.commits} commit${health.history.commits === 1 ? '' : 's'} (${health.history.contributingCommits} touching entries)${health.history.shallow ? '; the clone is shallow, so older history is missing' : ''}`
    : 'no git history (not a git work tree), so figures over time are missing';
  lines.push(`# Community health: ${escapeMarkdown(options.name)}`, '');
  lines.push(`Measured on ${isoDay(health.now)} from ${plural(health.entries, 'entry', 'entries')} and ${commits}.`, '');

  lines.push(`## Maturity: ${maturity.stage} (stage ${maturity.stageIndex + 1} of ${STAGES.length})`, '');
  lines.push(STAGES.map((stage, i) => (i === maturity.stageIndex ? `**${stage}**` : stage)).join(' → '), '');
  lines.push('A stage is reached when its rules and those of every stage before it are met.', '');
  lines.push('| Stage | Rule | Measured | Needed | Met |', '|---|---|---|---|---|');
  for (const e of maturity.evidence) {
    lines.push(`| ${STAGES[e.rule.stage]} | ${escapeMarkdown(e.rule.label)} | ${formatMeasure(e.value, e.rule.unit)} | ${formatThreshold(e.rule)} | ${e.met ? 'yes' : 'no'} |`);
  }
  lines.push('');
  if (maturity.next) {
    lines.push(`To reach **${maturity.next.stage}**:`, '');
    for (const step of maturity.next.steps) lines.push(`- ${step}`);
    lines.push('');
  }

  lines.push('## Figures', '', '| Figure | Value |', '|---|---|');
  lines.push(`| Entries | ${health.entries} |`);
  lines.push(`| Contributors, all time | ${contributors.total} |`);
  lines.push(`| Contributors in the last 6 months | ${contributors.last6Months} (${contributors.new6Months} new, ${contributors.returning6Months} returning) |`);
  lines.push(`| Questions | ${questions.total}: ${questions.open} open, ${questions.answered} answered (${percent(questions.answerRate)}) |`);
  const median = questions.medianDaysToAnswer === undefined ? 'not measured' : `${formatMeasure(questions.medianDaysToAnswer, 'days')} (over ${questions.timedAnswers} answered question${questions.timedAnswers === 1 ? '' : 's'})`;
  lines.push(`| Median time to answer | ${median} |`);
  lines.push(`| Entries due for review | ${review.due} of ${review.checked} (${percent(review.dueShare)}), review interval ${review.intervalDays} days${review.configured ? '' : ' (the default)'} |`);
  lines.push(`| Tags in use | ${tags.inUse}, ${tags.withoutSteward.length} without a steward |`, '');

  lines.push('## Activity', '');
  for (const name of ['contributions', 'contributors', 'growth'] as const) lines.push(options.embedChart(name, charts[name]), '');
  lines.push('## Entries by type', '', options.embedChart('types', charts.types), '');
  lines.push('## Tags', '', options.embedChart('tags', charts.tags), '');
  if (tags.withoutSteward.length) {
    lines.push('Tags without a steward (name one under `tags:` in commons.yml):', '');
    for (const tag of tags.withoutSteward) lines.push(`- \`${tag.tag.replace(/`/g, '')}\`: ${tag.entries} entr${tag.entries === 1 ? 'y' : 'ies'}`);
    lines.push('');
  }
  lines.push('## Open questions', '');
  if (!questions.openList.length) lines.push('None.', '');
  for (const q of questions.openList) {
    lines.push(`- [${escapeMarkdown(q.title)}](${linkDestination(options.linkTo(q.path))}): asked ${q.ageDays} day${q.ageDays === 1 ? '' : 's'} ago`);
  }
  if (questions.openList.length) lines.push('');
  return lines.join('\n');
}

/** The file name a chart gets beside a report named `stem`.md. */
export function chartFileName(stem: string, name: keyof HealthCharts): string {
  return `${stem}-${name}.svg`;
}

