// The review panel's HTML as a pure function, so it is tested without an editor. Entries are
// untrusted input: raw HTML in Markdown is shown as escaped text, never as HTML (comments, such as
// a template's prompts, are left out as GitHub leaves them out), and markdown-it's link check
// refuses javascript:, vbscript:, file: and data: links; every other string is escaped.
import MarkdownIt from 'markdown-it';
import { plural } from '../../../core/plural';
import type { Contribution, EntryReview, FieldChange } from '../../../core/git/review';
import type { Finding } from '../../../core/model';
import { splitFrontMatter } from '../../../core/frontMatter';
import { escapeHtml } from '../dashboard/html';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
const HTML_COMMENT = /^\s*<!--[\s\S]*?-->\s*$/;
// Raw HTML is parsed only to be told apart: a comment renders as nothing, anything else as its escaped text.
markdown.renderer.rules.html_block = (tokens, i) => (HTML_COMMENT.test(tokens[i].content) ? '' : `<p>${escapeHtml(tokens[i].content)}</p>`);
markdown.renderer.rules.html_inline = (tokens, i) => (HTML_COMMENT.test(tokens[i].content) ? '' : escapeHtml(tokens[i].content));

/** The body of an entry as HTML, front matter left out (it is shown field by field instead). */
export function renderMarkdown(text: string | undefined): string {
  if (text === undefined) return '<p class="muted">(none)</p>';
  const block = splitFrontMatter(text.replace(/^\ufeff/, ''));
  return markdown.render(block && block.closeLine ? text.replace(/^\ufeff/, '').slice(block.bodyStart) : text);
}

function value(v: unknown): string {
  if (v === undefined) return '<span class="muted">–</span>';
  return `<code>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code>`;
}

function fieldRow(change: FieldChange): string {
  if (change.added || change.removed) {
    const added = (change.added ?? []).map((t) => `<span class="added">+ ${escapeHtml(t)}</span>`).join(' ');
    const removed = (change.removed ?? []).map((t) => `<span class="removed">− ${escapeHtml(t)}</span>`).join(' ');
    return `<tr><th>${escapeHtml(change.field)}</th><td colspan="2">${[added, removed].filter(Boolean).join(' ')}</td></tr>`;
  }
  return `<tr><th>${escapeHtml(change.field)}</th><td>${value(change.before)}</td><td>${value(change.after)}</td></tr>`;
}

function button(action: string, key: string, label: string): string {
  return `<button type="button" data-action="${action}" data-key="${escapeHtml(key)}">${escapeHtml(label)}</button>`;
}

/** Where a finding is: its line in the reviewed entry, or the other file and line (what removing an entry breaks). */
function placeOf(review: EntryReview, finding: Finding): string {
  return finding.file === review.path ? `line ${finding.line}` : `${finding.file}:${finding.line}`;
}

export function renderEntryReview(review: EntryReview): string {
  const status = review.before === undefined ? 'added' : review.after === undefined ? 'removed' : 'changed';
  const title = review.afterEntry?.title ?? review.beforeEntry?.title ?? review.path;
  const fields = review.fields.length
    ? `<table class="fields"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>${review.fields.map(fieldRow).join('')}</tbody></table>`
    : '<p class="muted">No front-matter changes.</p>';
  const findings = review.introduced.length
    ? `<ul class="findings">${review.introduced.map((f) => `<li class="${f.severity}">${escapeHtml(placeOf(review, f))}: ${escapeHtml(f.message)} <span class="muted">(${escapeHtml(f.rule)})</span></li>`).join('')}</ul>`
    : '<p class="ok">No new problems.</p>';
  return `<section class="entry">
<h2>${escapeHtml(title)} <span class="badge ${status}">${status}</span></h2>
<p class="muted">${escapeHtml(review.path)} ${button('openDiff', review.path, 'Open text diff')}</p>
<h3>Front matter</h3>${fields}
<h3>Problems this contribution brings in</h3>${findings}
<div class="columns"><div><h3>Before</h3><div class="rendered">${renderMarkdown(review.before)}</div></div><div><h3>After</h3><div class="rendered">${renderMarkdown(review.after)}</div></div></div>
</section>`;
}

export function renderReviewBody(contribution: Contribution, reviews: EntryReview[], checklist: string[]): string {
  const errors = reviews.reduce((n, r) => n + r.introduced.filter((f) => f.severity === 'error').length, 0);
  const others = reviews.reduce((n, r) => n + r.introduced.length, 0) - errors;
  const problems = errors
    ? `<span class="error">${plural(errors, 'new error')}</span>${others ? `, ${plural(others, 'other problem')}` : ''}`
    : others
      ? `<span class="warning">no new errors, ${plural(others, 'other new problem')}</span>`
      : '<span class="ok">no new problems</span>';
  const list = checklist.length
    ? `<h3>Steward checklist</h3><ul class="checklist">${checklist.map((item) => `<li><label><input type="checkbox"> ${escapeHtml(item)}</label></li>`).join('')}</ul>`
    : '';
  return `<header>
<h1>Review ${escapeHtml(contribution.name)}</h1>
<p>${escapeHtml(contribution.author.name)} &lt;${escapeHtml(contribution.author.email)}&gt; · ${reviews.length} entr${reviews.length === 1 ? 'y' : 'ies'} · ${problems}</p>
<p>${button('checkout', contribution.name, 'Check out')} ${button('requestChanges', contribution.name, 'Request changes…')} ${button('merge', contribution.name, 'Approve and merge…')}</p>
${list}
</header>
${reviews.map(renderEntryReview).join('\n')}`;
}

/** The review a steward sends back, as Markdown ready to paste into the pull request. */
export function changeRequest(contribution: Contribution, reviews: EntryReview[]): string {
  // Named as its writer knows it: the entry's title, not the branch.
  const titles = reviews.map((review) => review.afterEntry?.title ?? review.beforeEntry?.title ?? review.path);
  const what = titles.length === 1 ? `**${titles[0]}**` : `these ${plural(titles.length, 'entry', 'entries')}`;
  const lines = [`Thanks for contributing ${what}! A few things to look at before it is merged:`, ''];
  for (const review of reviews) {
    if (!review.introduced.length) continue;
    lines.push(`- \`${review.path}\``);
    for (const finding of review.introduced) lines.push(`  - ${placeOf(review, finding)}: ${finding.message}`);
  }
  if (lines.length === 2) lines.push('- (add your notes here)');
  return lines.join('\n') + '\n';
}
