// The dashboard's HTML, as a pure function of the computed health so it can be tested without an
// editor. Every string that comes from the knowledge base (titles, tags, paths, the name) is
// escaped; the page has no inline script or style, so the content security policy can forbid both.
import { isoDay } from '../../../core/freshness';
import { plural } from '../../../core/plural';
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
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">
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

/** Escapes advice text, showing `field` names as code. */
function adviceHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function header(name: string, health: CommunityHealth): string {
  const { history } = health;
  const commits = history.available ? `${plural(history.commits, 'commit')}, ${history.contributingCommits} touching entries` : 'no git history';
  let notice = '';
  if (!history.available) notice = '<p class="notice">Git history is not available yet: it is read once the folder is indexed, in a trusted workspace that is a git repository with commits. Figures over time appear then.</p>';
  else if (history.shallow) notice = '<p class="notice">This clone is shallow: older history is missing from the figures.</p>';
  return `<header><h1>Community health: ${escapeHtml(name)}</h1><p class="muted">Measured on ${isoDay(health.now)} from ${plural(health.entries, 'entry', 'entries')} and ${commits}.</p>${notice}</header>`;
}

function stage(health: CommunityHealth): string {
  const { maturity } = health;
  const steps = STAGES.map((name, i) => {
    const state = i < maturity.stageIndex ? 'reached' : i === maturity.stageIndex ? 'current' : 'ahead';
    return `<li class="stage ${state}"${state === 'current' ? ' aria-current="step"' : ''}>${name}</li>`;
  });
  const next = maturity.next
    ? `<p class="next">To reach <strong>${maturity.next.stage}</strong>:</p><ul class="steps">${maturity.next.steps.map((step) => `<li>${adviceHtml(step)}</li>`).join('')}</ul>`
    : '<p class="next">Every rule of the last stage is met.</p>';
  return `<section class="maturity"><h2>Maturity</h2><ol class="stages">${steps.join('')}</ol>${next}</section>`;
}

function figures(health: CommunityHealth): string {
  const { questions, review, contributors, tags } = health;
  const median = questions.medianDaysToAnswer === undefined ? '–' : formatMeasure(questions.medianDaysToAnswer, 'days');
  return [
    '<section class="figures">',
    figure('Entries', String(health.entries), `${plural(tags.inUse, 'tag')} in use`),
    figure('Contributors, last 6 months', String(contributors.last6Months), `${contributors.new6Months} new, ${contributors.returning6Months} returning; ${contributors.total} all time`),
    figure('Questions answered', percent(questions.answerRate), `${questions.open} open of ${questions.total}`),
    figure('Median time to answer', median, questions.timedAnswers ? `over ${plural(questions.timedAnswers, 'answered question')}` : 'no question answered by an entry yet'),
    figure('Due for review', percent(review.dueShare), `${review.due} of ${plural(review.checked, 'entry', 'entries')}; every ${review.intervalDays} days${review.configured ? '' : ' (the default: set review: in commons.yml)'}`, review.due ? { name: 'showDue', key: '' } : undefined),
    figure('Tags without a steward', String(tags.withoutSteward.length), `of ${plural(tags.inUse, 'tag')} in use`, tags.withoutSteward.length ? { name: 'showUnstewarded', key: '' } : undefined),
    '</section>',
  ].join('');
}

function lists(health: CommunityHealth): string {
  const { questions, tags } = health;
  const open = questions.openList.length
    ? `<ul class="questions">${questions.openList.map((q) => `<li>${action('openEntry', q.path, escapeHtml(q.title))}<span class="muted">asked ${q.ageDays < 1 ? 'today' : `${plural(q.ageDays, 'day')} ago`}</span></li>`).join('')}</ul>`
    : questions.total
      ? '<p class="muted">None: every question has an answer.</p>'
      : '<p class="muted">No questions yet: <strong>Commons: Ask a Question</strong> starts one.</p>';
  const unstewarded = tags.withoutSteward.length
    ? `<ul class="tags">${tags.withoutSteward.map((t) => `<li>${action('showTag', t.tag, `#${escapeHtml(t.tag)}`)}<span class="muted">${plural(t.entries, 'entry', 'entries')}</span></li>`).join('')}</ul>`
    : tags.inUse
      ? '<p class="muted">Every tag in use has a steward.</p>'
      : '<p class="muted">No tags in use yet.</p>';
  return `<section class="lists"><div><h2>Open questions</h2>${open}</div><div><h2>Tags without a steward</h2>${unstewarded}</div></section>`;
}

function evidence(health: CommunityHealth): string {
  const rows = health.maturity.evidence.map(
    (e) =>
      `<tr class="${e.met ? 'met' : 'unmet'}"><td>${STAGES[e.rule.stage]}</td><td>${escapeHtml(e.rule.label)}</td>` +
      `<td>${escapeHtml(formatMeasure(e.value, e.rule.unit))}</td><td>${escapeHtml(formatThreshold(e.rule))}</td>` +
      `<td><span class="mark" aria-label="${e.met ? 'met' : 'not met'}">${e.met ? '✓' : '✗'}</span></td></tr>`,
  );
  return (
    '<section class="evidence"><h2>Why this stage</h2><p class="muted">A stage is reached when its rules and those of every stage before it are met.</p>' +
    `<table><thead><tr><th>Stage</th><th>Rule</th><th>Measured</th><th>Needed</th><th>Met</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

export function renderBody(name: string, health: CommunityHealth): string {
  const charts = healthCharts(health, { interactive: true });
  const chartSection = `<section class="charts">${[charts.contributions, charts.contributors, charts.growth, charts.tags, charts.types].map((svg) => `<div class="chart">${svg}</div>`).join('')}</section>`;
  return [header(name, health), stage(health), figures(health), chartSection, lists(health), evidence(health)].join('\n');
}
