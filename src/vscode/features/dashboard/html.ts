// The dashboard's HTML, as a pure function of the computed health so it can be tested without an
// editor. Every string that comes from the knowledge base (titles, tags, paths, the name) is
// escaped; the page has no inline script or style, so the content security policy can forbid both.
import { isoDay } from '../../../core/freshness';
import { healthCharts } from '../../../core/insight/healthCharts';
import { formatMeasure, formatThreshold, STAGES } from '../../../core/insight/maturity';
import type { CommunityHealth } from '../../../core/insight/metrics';
import { escapeXml as escapeHtml } from '../../../core/insight/svgCharts';

export { escapeHtml };

export interface PageResources {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

export function renderPage(title: string, body: string, resources: PageResources): string {
  const csp = `default-src 'none'; style-src ${resources.cspSource}; script-src 'nonce-${resources.nonce}'; img-src ${resources.cspSource} data:;`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="dashboard">${body}</main>
<script nonce="${escapeHtml(resources.nonce)}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>`;
}

function action(name: string, key: string, label: string, className = 'link'): string {
  return `<button type="button" class="${className}" data-action="${name}" data-key="${escapeHtml(key)}">${label}</button>`;
}

function percent(share: number | undefined): string {
  return share === undefined ? '–' : `${Math.round(share * 100)} %`;
}

function figure(label: string, value: string, detail: string, click?: { name: string; key: string }): string {
  const content = `<span class="figure-value">${value}</span><span class="figure-label">${label}</span><span class="figure-detail">${detail}</span>`;
  return click
    ? `<button type="button" class="figure" data-action="${click.name}" data-key="${escapeHtml(click.key)}">${content}</button>`
    : `<div class="figure">${content}</div>`;
}

export function renderBody(name: string, health: CommunityHealth): string {
  const charts = healthCharts(health, { interactive: true });
  const { maturity, questions, review, contributors, tags } = health;
  const parts: string[] = [];
  parts.push(`<header><h1>Community health: ${escapeHtml(name)}</h1>`);
  const commits = health.history.available ? `${health.history.commits} commit${health.history.commits === 1 ? '' : 's'}, ${health.history.contributingCommits} touching entries` : 'no git history';
  parts.push(`<p class="muted">Measured on ${isoDay(health.now)} from ${health.entries} entries and ${commits}.</p>`);
  if (!health.history.available) {
    parts.push('<p class="notice">Git history is not available (the folder is not a git repository, or the workspace is not trusted), so figures over time are missing.</p>');
  } else if (health.history.shallow) {
    parts.push('<p class="notice">This clone is shallow: older history is missing from the figures.</p>');
  }
  parts.push('</header>');

  parts.push('<section class="maturity"><h2>Maturity</h2><ol class="stages">');
  STAGES.forEach((stage, i) => {
    const state = i < maturity.stageIndex ? 'reached' : i === maturity.stageIndex ? 'current' : 'ahead';
    parts.push(`<li class="stage ${state}"${state === 'current' ? ' aria-current="step"' : ''}>${stage}</li>`);
  });
  parts.push('</ol>');
  if (maturity.next) {
    parts.push(`<h3>To reach ${maturity.next.stage}</h3><ul class="steps">${maturity.next.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`);
  } else {
    parts.push('<p>Every rule of the last stage is met.</p>');
  }
  parts.push('<table class="evidence"><thead><tr><th>Stage</th><th>Rule</th><th>Measured</th><th>Needed</th><th>Met</th></tr></thead><tbody>');
  for (const e of maturity.evidence) {
    parts.push(
      `<tr class="${e.met ? 'met' : 'unmet'}"><td>${STAGES[e.rule.stage]}</td><td>${escapeHtml(e.rule.label)}</td>` +
        `<td>${escapeHtml(formatMeasure(e.value, e.rule.unit))}</td><td>${escapeHtml(formatThreshold(e.rule))}</td>` +
        `<td><span class="mark" aria-label="${e.met ? 'met' : 'not met'}">${e.met ? '✓' : '✗'}</span></td></tr>`,
    );
  }
  parts.push('</tbody></table></section>');

  parts.push('<section class="figures">');
  parts.push(figure('Entries', String(health.entries), `${tags.inUse} tags in use`));
  parts.push(figure('Contributors, last 6 months', String(contributors.last6Months), `${contributors.new6Months} new, ${contributors.returning6Months} returning; ${contributors.total} all time`));
  parts.push(figure('Questions answered', percent(questions.answerRate), `${questions.open} open of ${questions.total}`));
  const median = questions.medianDaysToAnswer === undefined ? '–' : formatMeasure(questions.medianDaysToAnswer, 'days');
  parts.push(figure('Median time to answer', median, `over ${questions.timedAnswers} answered question${questions.timedAnswers === 1 ? '' : 's'}`));
  parts.push(figure('Due for review', percent(review.dueShare), `${review.due} of ${review.checked} entries; every ${review.intervalDays} days`, review.due ? { name: 'showDue', key: '' } : undefined));
  parts.push(figure('Tags without a steward', String(tags.withoutSteward.length), `of ${tags.inUse} tags in use`, tags.withoutSteward.length ? { name: 'showUnstewarded', key: '' } : undefined));
  parts.push('</section>');

  parts.push('<section class="charts">');
  for (const chart of [charts.contributions, charts.contributors, charts.growth, charts.types, charts.tags]) parts.push(`<div class="chart">${chart}</div>`);
  parts.push('</section>');

  parts.push('<section class="lists"><div><h2>Open questions</h2>');
  if (!questions.openList.length) parts.push('<p class="muted">None: every question has an answer.</p>');
  else {
    parts.push('<ul class="questions">');
    for (const q of questions.openList) {
      parts.push(`<li>${action('openEntry', q.path, escapeHtml(q.title))} <span class="muted">asked ${q.ageDays} day${q.ageDays === 1 ? '' : 's'} ago</span></li>`);
    }
    parts.push('</ul>');
  }
  parts.push('</div><div><h2>Tags without a steward</h2>');
  if (!tags.withoutSteward.length) parts.push('<p class="muted">Every tag in use has a steward.</p>');
  else {
    parts.push('<ul class="tags">');
    for (const tag of tags.withoutSteward) parts.push(`<li>${action('showTag', tag.tag, `#${escapeHtml(tag.tag)}`)} <span class="muted">${tag.entries}</span></li>`);
    parts.push('</ul>');
  }
  parts.push('</div></section>');
  return parts.join('\n');
}
