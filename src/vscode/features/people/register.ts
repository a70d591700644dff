// People: everyone named in front matter or found in git history, most active first, with their
// strongest tags ("who knows what") and their entries.
import * as vscode from 'vscode';
import { plural } from '../../../core/plural';
import { summarizePeople, type PersonSummary } from '../../../core/expertise';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { ago, entryTreeItem, escape } from '../../platform/entryItems';
import { CommonsTreeProvider, ItemNode, MessageNode, type TreeNode } from '../../platform/treeProvider';

const TOP_TAGS = 3;

function personNode(session: KbSession, summary: PersonSummary): TreeNode {
  const item = new vscode.TreeItem(summary.person.name || summary.person.email || summary.person.id, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `people::${session.kb.root}::${summary.person.id}`;
  item.iconPath = new vscode.ThemeIcon('person');
  const strongest = summary.tags.slice(0, TOP_TAGS).map((t) => `#${t.tag}`).join(' ');
  // Both counts, as the order weighs both (entries, and commits by how recent they are).
  const work = [summary.entries.length || !summary.commits ? plural(summary.entries.length, 'entry', 'entries') : '', summary.commits ? plural(summary.commits, 'commit') : ''];
  item.description = [...work, strongest].filter(Boolean).join(' · ');
  const tooltip = new vscode.MarkdownString(`**${escape(summary.person.name)}**`);
  if (summary.person.email) tooltip.appendMarkdown(` · ${escape(summary.person.email)}`);
  if (summary.commits) tooltip.appendMarkdown(`\n\n${plural(summary.commits, 'commit')}, last active ${ago(summary.lastActive * 1000)}`);
  if (summary.tags.length) tooltip.appendMarkdown(`\n\nKnows about: ${summary.tags.slice(0, 8).map((t) => escape(t.tag)).join(', ')}`);
  item.tooltip = tooltip;
  item.contextValue = 'commons.person';
  return new ItemNode(item, () => personChildren(session, summary));
}

function personChildren(session: KbSession, summary: PersonSummary): TreeNode[] {
  const nodes: TreeNode[] = [];
  if (summary.tags.length) {
    const knows = new vscode.TreeItem(`Knows: ${summary.tags.slice(0, 6).map((t) => t.tag).join(', ')}`);
    knows.iconPath = new vscode.ThemeIcon('tag');
    nodes.push(new ItemNode(knows));
  }
  const index = session.kb.index;
  for (const path of summary.entries) {
    const entry = index.get(path);
    if (entry) nodes.push(new ItemNode(entryTreeItem(session, entry, entry.owner && summary.person.id === entry.owner.toLowerCase() ? 'owner' : 'author')));
  }
  for (const path of summary.contributed.slice(0, 50)) {
    const entry = index.get(path);
    if (entry) nodes.push(new ItemNode(entryTreeItem(session, entry, 'contributed')));
  }
  return nodes;
}

export class PeopleProvider extends CommonsTreeProvider {
  protected roots(session: KbSession): TreeNode[] {
    const history = session.history.available ? session.history : undefined;
    const people = summarizePeople(session.kb.index, history, Date.now()).map((summary) => personNode(session, summary));
    const notes: TreeNode[] = [];
    if (!vscode.workspace.isTrusted) notes.push(new MessageNode('Git history is off in Restricted Mode: showing front matter only.', 'shield'));
    if (!people.length && !session.indexing) notes.push(new MessageNode('Nobody yet: add an authors: list to entries, or open a git repository.'));
    return [...notes, ...people];
  }
}

export function register(service: KnowledgeBaseService): { provider: PeopleProvider; disposable: vscode.Disposable } {
  const provider = new PeopleProvider(service);
  const view = vscode.window.createTreeView('commons.people', { treeDataProvider: provider });
  return { provider, disposable: vscode.Disposable.from(provider, view) };
}
