// Review: what stewards keep fresh. "Due for review" lists entries past the review interval (from
// `reviewed`, else their last change) with owner and age; due entries also carry a file decoration
// in the explorer and editor tabs. Marking an entry reviewed is one click.
import * as vscode from 'vscode';
import { dueForReview, type DueEntry } from '../../../core/freshness';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { ago, entryTreeItem } from '../../platform/entryItems';
import { CommonsTreeProvider, ItemNode, MessageNode, type TreeNode } from '../../platform/treeProvider';
import type { CommonsLog } from '../../platform/log';
import { contributionNodes, ContributionsCache, registerGitContent } from './contributions';
import { contributionsForSteward } from '../../../core/stewardship';
import { openReview } from './reviewPanel';

/**
 * The due entries listed, longest waiting first. A large knowledge base can have tens of thousands
 * due; a list that long helps no one and costs seconds to build on every refresh.
 */
const DUE_SHOWN = 200;

/**
 * Each knowledge base's due list, with what it was worked out from. The Review view and the badges
 * both ask on every refresh; walking 100k entries each time cost more than the refresh itself.
 */
const dueLists = new WeakMap<KbSession, { key: string; due: DueEntry[] }>();

function dueEntries(session: KbSession): DueEntry[] {
  const now = Date.now();
  const history = session.history.available ? session.history : undefined;
  const interval = session.kb.config.reviewIntervalDays;
  // Ages are shown in days or more, so a list a minute old still reads the same.
  const key = [session.kb.index.revision, interval, history?.head ?? '', history?.commits.length ?? -1, Math.floor(now / 60_000)].join('|');
  const known = dueLists.get(session);
  if (known?.key === key) return known.due;
  const due = dueForReview(session.kb.index.all(), interval, now, history);
  dueLists.set(session, { key, due });
  return due;
}

export class ReviewProvider extends CommonsTreeProvider {
  /** Show only contributions for the current git user as a tag steward. */
  forMe = false;

  constructor(service: KnowledgeBaseService, private readonly contributions: ContributionsCache) {
    super(service);
    contributions.onDidChange(() => this.refresh());
  }

  protected roots(session: KbSession): TreeNode[] {
    const all = this.contributions.get(session);
    const email = this.contributions.emails.get(session.kb.root);
    const shown = this.forMe && all && email ? contributionsForSteward(all, session.kb.index, session.kb.config, email) : all;
    const problem = this.contributions.problems.get(session.kb.root);
    const beyondShallow = this.contributions.beyondShallow.get(session.kb.root);
    return [...contributionNodes(session, shown, this.contributions.checks, this.forMe && email ? email : undefined, problem, beyondShallow), ...this.dueNodes(session)];
  }

  private dueNodes(session: KbSession): TreeNode[] {
    const due = dueEntries(session);
    const item = new vscode.TreeItem('Due for review', due.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `review::${session.kb.root}::due`;
    item.iconPath = new vscode.ThemeIcon('history');
    item.description = `${due.length} · every ${session.kb.config.reviewIntervalDays} days`;
    if (!due.length) return [new ItemNode(item), new MessageNode('Everything has been reviewed recently.', 'pass')];
    return [
      new ItemNode(item, () => [
        ...due.slice(0, DUE_SHOWN).map(({ path, since }): TreeNode => {
          const entry = session.kb.index.get(path)!;
          const treeItem = entryTreeItem(session, entry, `${entry.owner ? `${entry.owner} · ` : ''}${ago(since)}`);
          treeItem.contextValue = 'commons.entry.due';
          return new ItemNode(treeItem);
        }),
        ...(due.length > DUE_SHOWN ? [new MessageNode(`${(due.length - DUE_SHOWN).toLocaleString()} more due: the longest waiting are listed first`, 'ellipsis')] : []),
      ]),
    ];
  }
}

/** A badge on due entries wherever VS Code shows files. */
class DueDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  /** Per knowledge-base root, the paths of its due entries. */
  private due = new Map<string, Set<string>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: KnowledgeBaseService) {
    this.subscription = service.onDidChange(() => this.refresh());
    this.refresh();
  }

  private refresh(): void {
    const next = new Map<string, Set<string>>();
    for (const session of this.service.sessions) {
      // Badges only where the community asked for reviews: in a plain docs folder every old file would wear one.
      if (!session.kb.config.reviewConfigured) continue;
      // A knowledge base still indexing keeps its badges until it is done: working out what is due
      // walks every entry, too much to repeat while 100k of them arrive.
      const kept = session.indexing ? this.due.get(session.kb.root) : undefined;
      next.set(session.kb.root, kept ?? new Set(dueEntries(session).map((entry) => entry.path)));
    }
    this.due = next;
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const session = this.service.sessionFor(uri);
    const due = session && this.due.get(session.kb.root);
    const path = due && session.entryPathOf(uri);
    if (!path || !due.has(path)) return undefined;
    return new vscode.FileDecoration('R', 'Due for review (Commons)', new vscode.ThemeColor('list.warningForeground'));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function setForMe(provider: ReviewProvider, forMe: boolean): void {
  provider.forMe = forMe;
  void vscode.commands.executeCommand('setContext', 'commons.reviewForMe', forMe);
  provider.refresh();
}

export function register(service: KnowledgeBaseService, log: CommonsLog, extensionUri: vscode.Uri): { provider: ReviewProvider; disposable: vscode.Disposable } {
  const contributions = new ContributionsCache(service, log);
  const provider = new ReviewProvider(service, contributions);
  const view = vscode.window.createTreeView('commons.review', { treeDataProvider: provider, canSelectMany: true });
  const decorations = new DueDecorations(service);
  const fetchCommand = vscode.commands.registerCommand('commons.fetchContributions', () =>
    vscode.window.withProgress({ location: { viewId: 'commons.review' }, title: 'Fetching contributions' }, () => contributions.refresh(true)),
  );
  return {
    provider,
    disposable: vscode.Disposable.from(
      contributions, provider, view, decorations, vscode.window.registerFileDecorationProvider(decorations), registerGitContent(), fetchCommand,
      // Internal: lists the branches again without fetching (after Propose Contribution made one).
      vscode.commands.registerCommand('commons.relistContributions', () => contributions.refresh(false)),
      vscode.commands.registerCommand('commons.reviewContribution', (target?: unknown) => openReview(service, log, extensionUri, target)),
      vscode.commands.registerCommand('commons.reviewForMe', () => setForMe(provider, true)),
      vscode.commands.registerCommand('commons.reviewForEveryone', () => setForMe(provider, false)),
    ),
  };
}
