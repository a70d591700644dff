// How an entry looks in every Commons tree: its title (not its file name), a type icon, tags as
// the description and the summary in the tooltip; clicking opens it.
import * as vscode from 'vscode';
import type { Entry } from '../../core/model';
import type { KbSession } from './kbSession';

const TYPE_ICONS: Record<string, string> = {
  practice: 'star-empty',
  'how-to': 'tools',
  lesson: 'lightbulb',
  question: 'question',
  decision: 'law',
  reference: 'book',
};

export function typeIcon(type: string | undefined): vscode.ThemeIcon {
  return new vscode.ThemeIcon((type && TYPE_ICONS[type]) || 'markdown');
}

export function entryTreeItem(session: KbSession, entry: Entry, description?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.None);
  const uri = session.uriOf(entry.path);
  item.resourceUri = uri;
  item.iconPath = typeIcon(entry.type);
  item.description = description ?? entry.tags.map((tag) => `#${tag}`).join(' ');
  item.tooltip = entryTooltip(entry);
  if (entry.skipped) {
    // A file the index could not read as an entry (binary, not UTF-8, too large): say so, and why.
    item.iconPath = new vscode.ThemeIcon('warning');
    item.description = 'skipped';
    item.tooltip.appendMarkdown(`\n\n${escape(entry.findings[0]?.message ?? 'skipped')}`);
  }
  item.contextValue = 'commons.entry';
  item.command = { command: 'vscode.open', title: 'Open Entry', arguments: [uri] };
  return item;
}

export function entryTooltip(entry: Entry): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${escape(entry.title)}**`);
  if (entry.type) tooltip.appendMarkdown(` · ${escape(entry.type)}`);
  if (entry.status) tooltip.appendMarkdown(` · ${escape(entry.status)}`);
  if (entry.summary) tooltip.appendMarkdown(`\n\n${escape(entry.summary)}`);
  if (entry.tags.length) tooltip.appendMarkdown(`\n\n${entry.tags.map((t) => `\`#${t.replace(/`/g, '')}\``).join(' ')}`);
  tooltip.appendMarkdown(`\n\n${escape(entry.path)}`);
  return tooltip;
}

/** Entry text is untrusted: escape Markdown so a title cannot inject links or commands. */
export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** "3 days", "5 months": how long ago, for question ages and activity. */
/** How long ago, as a phrase: "today" or "3 days ago". */
export function ago(sinceMs: number, now = Date.now()): string {
  const span = age(sinceMs, now);
  return span === 'today' ? span : `${span} ago`;
}

export function age(sinceMs: number, now = Date.now()): string {
  const days = Math.max(0, Math.floor((now - sinceMs) / 86_400_000));
  if (days < 1) return 'today';
  if (days < 31) return `${days} day${days === 1 ? '' : 's'}`;
  const months = Math.floor(days / 30.4);
  if (months < 12) return `${months} month${months === 1 ? '' : 's'}`;
  const years = Math.floor(days / 365);
  return `${years} year${years === 1 ? '' : 's'}`;
}
