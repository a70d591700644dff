// The base of every Commons tree: renders nodes from core objects and refreshes on service events.
// Trees never prompt and never change anything; they only render.
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from './kbService';
import type { KbSession } from './kbSession';

export interface TreeNode {
  item(): vscode.TreeItem;
  children?(): TreeNode[];
}

/** A node that only shows a message (nothing to show, history off in Restricted Mode...). */
export class MessageNode implements TreeNode {
  constructor(private readonly text: string, private readonly icon = 'info') {}
  item(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    return item;
  }
}

/** Groups nodes under a knowledge base's name when the workspace holds more than one. */
export class KnowledgeBaseNode implements TreeNode {
  constructor(private readonly session: KbSession, private readonly build: (session: KbSession) => TreeNode[]) {}
  item(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.session.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `kb::${this.session.kb.root}`;
    item.iconPath = new vscode.ThemeIcon('library');
    item.tooltip = this.session.kb.root;
    return item;
  }
  children(): TreeNode[] {
    return this.build(this.session);
  }
}

export abstract class CommonsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(protected readonly service: KnowledgeBaseService) {
    this.subscription = service.onDidChange(() => this.refresh());
  }

  /** Nodes for one knowledge base. */
  protected abstract roots(session: KbSession): TreeNode[];

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.item();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.children?.() ?? [];
    const sessions = this.service.sessions;
    if (sessions.length === 1) return this.withIndexingNote(sessions[0], this.roots(sessions[0]));
    return sessions.map((session) => new KnowledgeBaseNode(session, (s) => this.withIndexingNote(s, this.roots(s))));
  }

  private withIndexingNote(session: KbSession, nodes: TreeNode[]): TreeNode[] {
    if (!session.indexing) return nodes;
    return [new MessageNode(`Indexing… ${session.kb.index.size.toLocaleString()} entries so far`, 'sync~spin'), ...nodes];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A node whose item is built up front, with optional children built on expand. */
export class ItemNode implements TreeNode {
  constructor(private readonly treeItem: vscode.TreeItem, private readonly childNodes?: () => TreeNode[]) {}
  item(): vscode.TreeItem {
    return this.treeItem;
  }
  children(): TreeNode[] {
    return this.childNodes?.() ?? [];
  }
}
