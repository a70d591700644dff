// Links of the entry in the active editor: outgoing links, backlinks and broken links; wikilinks as
// document links; links that follow entries renamed or moved.
import * as vscode from 'vscode';
import { registerLinkFollowers } from './followRenames';
import { registerWikilinks } from './wikilinks';
import { writtenLink } from '../../../core/markdownScan';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { entryTreeItem } from '../../platform/entryItems';
import { ItemNode, MessageNode, type TreeNode } from '../../platform/treeProvider';

export class LinksProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[];
  private activeUri: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri;

  constructor(private readonly service: KnowledgeBaseService) {
    this.disposables = [
      this.changed,
      service.onDidChange(() => this.changed.fire(undefined)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Keep showing the last entry while focus is in a view or a non-text editor.
        if (editor) {
          this.activeUri = editor.document.uri;
          this.changed.fire(undefined);
        }
      }),
    ];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.item();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.children?.() ?? [];
    const uri = this.activeUri;
    const session = uri && this.service.sessionFor(uri);
    const path = session && uri ? session.entryPathOf(uri) : undefined;
    if (!session || !path) return [new MessageNode('Open an entry to see its links and backlinks.', 'link')];
    return linkGroups(session, path);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function linkGroups(session: KbSession, path: string): TreeNode[] {
  const index = session.kb.index;
  const outgoing = index.outgoing(path);
  const resolved = [...new Set(outgoing.flatMap((l) => l.targets))].filter((p) => p !== path);
  const broken = outgoing.filter((l) => !l.targets.length);
  // While the link sources are being built (in slices, after a load), asking would build them at once: a pause.
  const backlinks = session.backlinksPending ? undefined : index.backlinks(path);
  // An entry whose title others share (Dendron has four "Lookup"s) shows its path, so it is not taken for another.
  const entryNodes = (paths: string[], description: string) =>
    paths
      .map((p) => index.get(p))
      .filter((e) => !!e)
      .map((e) => new ItemNode(entryTreeItem(session, e!, index.withTitle(e!.title).size > 1 ? `${description} · ${e!.path}` : description)));
  const group = (label: string, icon: string, count: number, children: () => TreeNode[]) => {
    const item = new vscode.TreeItem(label, count ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `links::${session.kb.root}::${path}::${label}`;
    item.iconPath = new vscode.ThemeIcon(icon);
    item.description = `${count}`;
    return new ItemNode(item, children);
  };
  return [
    group('Links', 'arrow-right', resolved.length, () => entryNodes(resolved, 'links to')),
    backlinks
      ? group('Backlinks', 'arrow-left', backlinks.length, () => entryNodes(backlinks, 'links here'))
      : new ItemNode(pendingBacklinksItem()),
    group('Broken links', 'warning', broken.length, () =>
      broken.map(({ link }) => {
        const item = new vscode.TreeItem(writtenLink(link));
        item.iconPath = new vscode.ThemeIcon('error');
        item.description = `line ${link.line}`;
        item.command = {
          command: 'vscode.open',
          title: 'Show Link',
          arguments: [session.uriOf(path), { selection: new vscode.Range(link.line - 1, link.column - 1, link.line - 1, link.column - 1) }],
        };
        return new ItemNode(item);
      }),
    ),
  ];
}

function pendingBacklinksItem(): vscode.TreeItem {
  const item = new vscode.TreeItem('Backlinks');
  item.iconPath = new vscode.ThemeIcon('loading~spin');
  item.description = 'finding links to this entry…';
  return item;
}

export function register(service: KnowledgeBaseService): { provider: LinksProvider; disposable: vscode.Disposable } {
  const provider = new LinksProvider(service);
  const view = vscode.window.createTreeView('commons.links', { treeDataProvider: provider });
  return { provider, disposable: vscode.Disposable.from(provider, view, registerWikilinks(service), registerLinkFollowers(service)) };
}
