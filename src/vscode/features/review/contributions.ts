// Incoming contributions in the Review view: branches (local, and remote after a fetch) not merged
// into the default branch, with author, age and the entries they add, change or remove. Each entry
// opens as a diff between the merge base and the branch, read straight from git (read-only).
import * as vscode from 'vscode';
import { kbPrefix, listContributions, reviewContribution, type Contribution } from '../../../core/git/review';
import { NodeGitRunner } from '../../../node/nodeGitRunner';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import type { CommonsLog } from '../../platform/log';
import { ago } from '../../platform/entryItems';
import { ItemNode, type TreeNode } from '../../platform/treeProvider';

const git = new NodeGitRunner();
export const GIT_SCHEME = 'commons-git';

/** What git showed last for each knowledge base; the tree renders it without waiting on git. */
export class ContributionsCache implements vscode.Disposable {
  private readonly lists = new Map<string, Contribution[]>();
  /** Why the branches of a knowledge base could not be listed (a detached HEAD without a main branch, say), by root. */
  readonly problems = new Map<string, string>();
  /** Branches a shallow clone cannot compare with the default branch, by root: the view names them. */
  readonly beyondShallow = new Map<string, string[]>();
  /** The git user's email per knowledge base, for the "for me" filter. */
  readonly emails = new Map<string, string>();
  /** Problems each contribution brings in, by branch head: computed once per commit, after listing. */
  readonly checks = new Map<string, { errors: number; warnings: number }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private timer?: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: KnowledgeBaseService, private readonly log: CommonsLog) {
    this.subscription = service.onDidChange(() => this.scheduleRefresh());
    this.scheduleRefresh();
  }

  get(session: KbSession): Contribution[] | undefined {
    return this.lists.get(session.kb.root);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(false), 2_000);
  }

  /** Lists contributions again; with `fetch`, fetches from the remotes first. Git runs only when trusted. */
  async refresh(fetch: boolean): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    for (const session of this.service.sessions) {
      if (!session.history.available) {
        if (session.historyChecked) this.problems.set(session.kb.root, 'this folder is not in a git repository');
        continue;
      }
      try {
        const prefix = await kbPrefix(git, session.kb.root);
        const result = await listContributions(git, session.kb.root, { kbPrefix: prefix, isEntry: (p) => session.kb.isEntryPath(p), fetch });
        if (result.fetchError) void vscode.window.showWarningMessage(`Commons could not fetch: ${result.fetchError.split('\n')[0]}`);
        this.lists.set(session.kb.root, result.contributions.filter((c) => c.added.length + c.changed.length + c.removed.length > 0));
        this.beyondShallow.set(session.kb.root, result.beyondShallow);
        this.problems.delete(session.kb.root);
        const email = await session.gitConfig('user.email');
        if (email) this.emails.set(session.kb.root, email);
        this.changed.fire();
        await this.checkContributions(session, prefix, this.lists.get(session.kb.root) ?? []);
      } catch (error) {
        const message = (error as Error).message.split('\n')[0];
        this.log.warn('git', `contributions unavailable for ${session.kb.root}: ${message}`);
        // The view says so, rather than "reading branches…" for ever.
        this.problems.set(session.kb.root, message);
      }
    }
    this.changed.fire();
  }

  /** Runs the checks on the entries of contributions not checked yet, so the list can show results. */
  private async checkContributions(session: KbSession, prefix: string, contributions: Contribution[]): Promise<void> {
    for (const contribution of contributions) {
      if (this.checks.has(contribution.head)) continue;
      let errors = 0;
      let warnings = 0;
      // The same reviews as the panel's, so the list and the panel agree (removals included).
      const reviews = await reviewContribution(git, session.kb.root, contribution, { kb: session.kb, kbPrefix: prefix }).catch(() => []);
      for (const finding of reviews.flatMap((review) => review.introduced)) {
        if (finding.severity === 'error') errors++;
        else if (finding.severity === 'warning') warnings++;
      }
      this.checks.set(contribution.head, { errors, warnings });
      this.changed.fire();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function gitUri(session: KbSession, commit: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${path}`, query: new URLSearchParams({ root: session.kb.root, commit }).toString() });
}

function checkSummary(result: { errors: number; warnings: number } | undefined): string {
  if (!result) return 'checking…';
  if (!result.errors && !result.warnings) return 'checks pass';
  return [result.errors && `${result.errors} error${result.errors === 1 ? '' : 's'}`, result.warnings && `${result.warnings} warning${result.warnings === 1 ? '' : 's'}`].filter(Boolean).join(', ');
}

/**
 * `problem`: why the branches could not be listed, shown when there is no list. `beyondShallow`:
 * branches a shallow clone cannot compare, named in a note under the list rather than dropped.
 */
export function contributionNodes(
  session: KbSession,
  contributions: Contribution[] | undefined,
  checks: ReadonlyMap<string, { errors: number; warnings: number }>,
  filteredFor?: string,
  problem?: string,
  beyondShallow: string[] = [],
): TreeNode[] {
  const group = new vscode.TreeItem('Contributions', contributions?.length || beyondShallow.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  group.id = `review::${session.kb.root}::contributions`;
  group.iconPath = new vscode.ThemeIcon('git-pull-request');
  if (contributions !== undefined) group.description = `${contributions.length} not merged${filteredFor ? ` · for ${filteredFor}` : ''}`;
  else if (!vscode.workspace.isTrusted) group.description = 'off in Restricted Mode';
  else if (problem) {
    group.description = `unavailable: ${problem}`;
    group.tooltip = `Commons could not list the contribution branches: ${problem}`;
    group.iconPath = new vscode.ThemeIcon('warning');
  } else group.description = 'reading branches…';
  return [
    new ItemNode(group, () => [
      ...(contributions ?? []).map((contribution) => {
        const item = new vscode.TreeItem(contribution.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `review::${session.kb.root}::${contribution.ref}`;
        item.iconPath = new vscode.ThemeIcon(contribution.kind === 'remote' ? 'cloud' : 'git-branch');
        const counts = [`+${contribution.added.length}`, `~${contribution.changed.length}`, `-${contribution.removed.length}`].join(' ');
        item.description = `${contribution.author.name} · ${ago(contribution.timeMs)} · ${counts} · ${checkSummary(checks.get(contribution.head))}`;
        item.tooltip = `${contribution.ref}\n${contribution.author.name} <${contribution.author.email}>`;
        item.contextValue = 'commons.contribution';
        return new ItemNode(item, () => entryNodes(session, contribution));
      }),
      ...shallowNote(session, beyondShallow),
    ]),
  ];
}

/** A note naming the branches a shallow clone hides, and how to see them. */
function shallowNote(session: KbSession, names: string[]): TreeNode[] {
  if (!names.length) return [];
  const item = new vscode.TreeItem(`${names.length} more branch${names.length === 1 ? '' : 'es'} not compared: this clone is shallow`);
  item.id = `review::${session.kb.root}::beyond-shallow`;
  item.iconPath = new vscode.ThemeIcon('warning');
  item.description = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  item.tooltip = `This clone lacks the history these branches share with the default branch, so Commons cannot tell what they change: ${names.join(', ')}. Run git fetch --unshallow to see them.`;
  return [new ItemNode(item)];
}

function entryNodes(session: KbSession, contribution: Contribution): TreeNode[] {
  const rows: Array<[string, 'added' | 'changed' | 'removed']> = [
    ...contribution.added.map((p): [string, 'added'] => [p, 'added']),
    ...contribution.changed.map((p): [string, 'changed'] => [p, 'changed']),
    ...contribution.removed.map((p): [string, 'removed'] => [p, 'removed']),
  ];
  return rows.map(([path, status]) => {
    const item = new vscode.TreeItem(session.kb.index.get(path)?.title ?? path);
    item.description = `${status} · ${path}`;
    item.iconPath = new vscode.ThemeIcon(status === 'added' ? 'diff-added' : status === 'removed' ? 'diff-removed' : 'diff-modified');
    const before = gitUri(session, contribution.mergeBase, path);
    const after = gitUri(session, contribution.head, path);
    item.command = { command: 'vscode.diff', title: 'Open Changes', arguments: [before, after, `${path} (${contribution.name})`] };
    return new ItemNode(item);
  });
}

/** Serves `commons-git:` documents: a file at a commit, or nothing when it does not exist there. */
export function registerGitContent(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, {
    async provideTextDocumentContent(uri) {
      const params = new URLSearchParams(uri.query);
      const root = params.get('root');
      const commit = params.get('commit') ?? '';
      if (!root || !/^[0-9a-f]{7,64}$/.test(commit) || !vscode.workspace.isTrusted) return '';
      const path = uri.path.replace(/^\//, '');
      // `./` makes the path relative to the knowledge-base root, where git runs.
      return git.run(['cat-file', 'blob', `${commit}:./${path}`], root).catch(() => '');
    },
  });
}
