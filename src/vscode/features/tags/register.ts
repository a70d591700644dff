// Tags: hierarchical (`a/b` under `a`), with counts; description, aliases and stewards in the tooltip.
import * as vscode from 'vscode';
import { plural } from '../../../core/plural';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { entryTreeItem, escape } from '../../platform/entryItems';
import { nearDuplicateTags, type TagDuplicate } from '../../../core/tagHygiene';
import { CommonsTreeProvider, ItemNode, MessageNode, type TreeNode } from '../../platform/treeProvider';

/** Child tags of each tag ('' for top-level ones), computed once per index change. */
function tagTree(session: KbSession): Map<string, string[]> {
  const tree = new Map<string, string[]>();
  const names = new Set([...session.kb.index.tagCounts().keys()]);
  for (const tag of names) {
    const slash = tag.lastIndexOf('/');
    const parent = slash > 0 && names.has(tag.slice(0, slash)) ? tag.slice(0, slash) : '';
    const list = tree.get(parent) ?? [];
    list.push(tag);
    tree.set(parent, list);
  }
  for (const list of tree.values()) list.sort((a, b) => a.localeCompare(b));
  return tree;
}

class TagNode implements TreeNode {
  constructor(private readonly session: KbSession, private readonly tree: Map<string, string[]>, readonly tag: string) {}

  item(): vscode.TreeItem {
    const { kb } = this.session;
    const parent = this.tag.lastIndexOf('/');
    const label = parent > 0 && this.tree.get(this.tag.slice(0, parent))?.includes(this.tag) ? this.tag.slice(parent + 1) : this.tag;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `tags::${kb.root}::${this.tag}`;
    item.description = `${kb.index.tagCount(this.tag)}`;
    const known = kb.vocabulary.isEmpty || kb.vocabulary.isKnown(this.tag);
    item.iconPath = new vscode.ThemeIcon(known ? 'tag' : 'warning');
    const spec = kb.vocabulary.describe(this.tag);
    const tooltip = new vscode.MarkdownString(`**#${escape(this.tag)}** · ${item.description} entries`);
    if (spec?.description) tooltip.appendMarkdown(`\n\n${escape(spec.description)}`);
    if (spec?.aliases.length) tooltip.appendMarkdown(`\n\nAliases: ${spec.aliases.map(escape).join(', ')}`);
    if (spec?.stewards.length) tooltip.appendMarkdown(`\n\nStewards: ${spec.stewards.map(escape).join(', ')}`);
    if (!known) tooltip.appendMarkdown('\n\nNot in the vocabulary of commons.yml.');
    item.tooltip = tooltip;
    item.contextValue = 'commons.tag';
    return item;
  }

  children(): TreeNode[] {
    const index = this.session.kb.index;
    const childTags = (this.tree.get(this.tag) ?? []).map((tag) => new TagNode(this.session, this.tree, tag));
    const entries = [...index.withTag(this.tag)]
      .map((path) => index.get(path)!)
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((entry) => new ItemNode(entryTreeItem(this.session, entry, entry.path)));
    return [...childTags, ...entries];
  }
}

/** Near-duplicate tags of one index revision, with how many entries write each tag. */
interface TidyUp {
  revision: number;
  written: Map<string, number>;
  duplicates: TagDuplicate[];
}

/** Tags that are probably one tag written differently, each with a one-step merge (confirmed first). */
function tidyUpNode({ written, duplicates }: TidyUp, root: string): TreeNode | undefined {
  if (!duplicates.length) return undefined;
  const item = new vscode.TreeItem('Tidy up', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `tags::${root}::tidy`;
  item.iconPath = new vscode.ThemeIcon('lightbulb');
  // Aliases written as tags are not near-duplicates: they are counted on their own.
  const aliases = duplicates.filter((duplicate) => duplicate.reason === 'alias').length;
  const near = duplicates.length - aliases;
  item.description = [near ? plural(near, 'near-duplicate tag') : '', aliases ? plural(aliases, 'alias written as a tag', 'aliases written as tags') : ''].filter(Boolean).join(', ');
  item.tooltip = 'Tags that look like another tag written differently. Click one to merge it (you confirm first).';
  const reasons = { case: 'letter case', plural: 'singular and plural', spelling: 'spelling', alias: 'an alias used as a tag' };
  return new ItemNode(item, () =>
    duplicates.map((duplicate) => {
      const child = new vscode.TreeItem(`${duplicate.tag} → ${duplicate.keep}`);
      child.iconPath = new vscode.ThemeIcon('merge');
      child.description = `${plural(written.get(duplicate.tag) ?? 0, 'entry', 'entries')} · ${reasons[duplicate.reason]}`;
      child.tooltip = `Merge #${duplicate.tag} into #${duplicate.keep} in every entry`;
      child.command = { command: 'commons.renameTag', title: 'Merge Tags', arguments: [duplicate.tag, duplicate.keep] };
      return new ItemNode(child);
    }),
  );
}

/** After the index settles, near-duplicates are worked out once for its revision (40,000 tags take a few hundred milliseconds). */
const TIDY_UP_DELAY_MS = 1_000;

export class TagsProvider extends CommonsTreeProvider {
  private readonly tidyUps = new Map<string, TidyUp>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  protected roots(session: KbSession): TreeNode[] {
    const tree = tagTree(session);
    const top = tree.get('') ?? [];
    if (!top.length && !session.indexing) return [new MessageNode('No tags yet: add a tags: list to an entry\'s front matter.')];
    // The view shows what it has at once; near-duplicates of a newer revision follow when worked out.
    const tidyUp = this.tidyUps.get(session.kb.root);
    if (!session.indexing && tidyUp?.revision !== session.kb.index.revision) this.scheduleTidyUp(session);
    const tidy = tidyUp && !session.indexing ? tidyUpNode(tidyUp, session.kb.root) : undefined;
    return [...(tidy ? [tidy] : []), ...top.map((tag) => new TagNode(session, tree, tag))];
  }

  /** Once at a time per knowledge base: it reads the revision when it runs, so changes meanwhile are included. */
  private scheduleTidyUp(session: KbSession): void {
    const root = session.kb.root;
    if (this.timers.has(root)) return;
    this.timers.set(
      root,
      setTimeout(() => {
        this.timers.delete(root);
        const revision = session.kb.index.revision;
        if (this.tidyUps.get(root)?.revision === revision) return;
        const written = new Map<string, number>();
        for (const entry of session.kb.index.all()) for (const tag of entry.writtenTags) written.set(tag, (written.get(tag) ?? 0) + 1);
        this.tidyUps.set(root, { revision, written, duplicates: nearDuplicateTags(written, session.kb.vocabulary) });
        this.refresh();
      }, TIDY_UP_DELAY_MS),
    );
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    super.dispose();
  }
}

export function register(service: KnowledgeBaseService): { provider: TagsProvider; disposable: vscode.Disposable } {
  const provider = new TagsProvider(service);
  const view = vscode.window.createTreeView('commons.tags', { treeDataProvider: provider, showCollapseAll: true });
  return { provider, disposable: vscode.Disposable.from(provider, view) };
}
