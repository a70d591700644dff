// Topics: the knowledge base's folders, showing entry titles rather than file names. In a Dendron
// workspace, the dotted names of a folder's entries are their hierarchy too (see dotHierarchy.ts).
import * as vscode from 'vscode';
import { dottedTree, type DottedNode } from '../../../core/dotHierarchy';
import { posixBasename } from '../../../core/paths';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { entryTreeItem } from '../../platform/entryItems';
import { CommonsTreeProvider, MessageNode, type TreeNode } from '../../platform/treeProvider';

class FolderNode implements TreeNode {
  constructor(private readonly session: KbSession, readonly folder: string) {}

  item(): vscode.TreeItem {
    const item = new vscode.TreeItem(posixBasename(this.folder), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `topics::${this.session.kb.root}::${this.folder}`;
    item.iconPath = vscode.ThemeIcon.Folder;
    item.resourceUri = vscode.Uri.file(this.session.kb.absolutePath(this.folder));
    item.description = `${this.session.kb.index.folderSize(this.folder)}`;
    item.contextValue = 'commons.folder';
    return item;
  }

  children(): TreeNode[] {
    return folderChildren(this.session, this.folder);
  }
}

class EntryNode implements TreeNode {
  constructor(private readonly session: KbSession, readonly path: string) {}
  item(): vscode.TreeItem {
    const entry = this.session.kb.index.get(this.path);
    return entry ? entryTreeItem(this.session, entry) : new vscode.TreeItem(this.path);
  }
}

/** A node of a Dendron hierarchy: the entry of that name (or the name alone, when no entry has it), with the entries below it. */
class HierarchyNode implements TreeNode {
  constructor(private readonly session: KbSession, private readonly folder: string, private readonly node: DottedNode) {}

  get label(): string {
    const entry = this.node.path === undefined ? undefined : this.session.kb.index.get(this.node.path);
    return entry?.title ?? this.node.last;
  }

  item(): vscode.TreeItem {
    const entry = this.node.path === undefined ? undefined : this.session.kb.index.get(this.node.path);
    const collapsible = this.node.below ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = entry ? entryTreeItem(this.session, entry) : new vscode.TreeItem(this.node.last);
    item.collapsibleState = collapsible;
    item.id = `topics::${this.session.kb.root}::${this.folder}::${this.node.name}`;
    if (!entry) {
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.description = `${this.node.below}`;
      item.tooltip = `${this.node.name}: ${this.node.below} ${this.node.below === 1 ? 'entry' : 'entries'} below, none named ${this.node.name} itself`;
    }
    return item;
  }

  children(): TreeNode[] {
    return hierarchyNodes(this.session, this.folder, this.node.name);
  }
}

/** Each folder's hierarchy, made once per index revision: every node the tree opens reads from it. */
const trees = new WeakMap<KbSession, Map<string, { revision: number; tree: Map<string, DottedNode[]> }>>();

function hierarchyOf(session: KbSession, folder: string): Map<string, DottedNode[]> {
  let byFolder = trees.get(session);
  if (!byFolder) trees.set(session, (byFolder = new Map()));
  const revision = session.kb.index.revision;
  let made = byFolder.get(folder);
  if (made?.revision !== revision) byFolder.set(folder, (made = { revision, tree: dottedTree(session.kb.index.entriesInFolder(folder)) }));
  return made.tree;
}

function hierarchyNodes(session: KbSession, folder: string, parent: string): TreeNode[] {
  const nodes = (hierarchyOf(session, folder).get(parent) ?? []).map((node) => new HierarchyNode(session, folder, node));
  const labels = new Map(nodes.map((node) => [node, node.label]));
  return nodes.sort((a, b) => labels.get(a)!.localeCompare(labels.get(b)!));
}

function folderChildren(session: KbSession, folder: string): TreeNode[] {
  const index = session.kb.index;
  const folders = [...index.subfoldersOf(folder)].sort((a, b) => a.localeCompare(b)).map((f) => new FolderNode(session, f));
  if (session.kb.dendron) return [...folders, ...hierarchyNodes(session, folder, '')];
  const entries = [...index.entriesInFolder(folder)]
    .map((path) => index.get(path)!)
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((entry) => new EntryNode(session, entry.path));
  return [...folders, ...entries];
}

export class TopicsProvider extends CommonsTreeProvider {
  protected roots(session: KbSession): TreeNode[] {
    const entriesFolder = session.kb.config.entries;
    const nodes = folderChildren(session, entriesFolder);
    if (!nodes.length && !session.indexing) return [new MessageNode('No entries yet. Run "Commons: New Entry" to write the first one.')];
    return nodes;
  }
}

export function register(service: KnowledgeBaseService): { provider: TopicsProvider; disposable: vscode.Disposable } {
  const provider = new TopicsProvider(service);
  const view = vscode.window.createTreeView('commons.topics', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  return { provider, disposable: vscode.Disposable.from(provider, view) };
}
