// Topics: the knowledge base's folders, showing entry titles rather than file names.
import * as vscode from 'vscode';
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

function folderChildren(session: KbSession, folder: string): TreeNode[] {
  const index = session.kb.index;
  const folders = [...index.subfoldersOf(folder)].sort((a, b) => a.localeCompare(b)).map((f) => new FolderNode(session, f));
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
