// commons.reviewContribution: one webview panel per review showing, for each entry of a
// contribution, the front-matter changes field by field, the rendered text before and after and
// only the problems the contribution brings in, with the steward's actions. Merging asks first and
// never pushes unless the steward says so.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { kbPrefix, listContributions, mergeContribution, mergeReadiness, MergeError, reviewContribution, type Contribution } from '../../../core/git/review';
import { gitFailureDetail } from '../../../core/ports';
import { plural } from '../../../core/plural';
import { NodeFileSystem } from '../../../node/nodeFileSystem';
import { NodeGitRunner } from '../../../node/nodeGitRunner';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import type { CommonsLog } from '../../platform/log';
import { renderPage } from '../dashboard/html';
import { GIT_SCHEME } from './contributions';
import { changeRequest, renderReviewBody } from './reviewHtml';

const git = new NodeGitRunner();
/** A merge also looks for folders git leaves while a rebase or `git am` is under way. */
const mergePorts = { git, fs: new NodeFileSystem() };
const ACTIONS = new Set(['openDiff', 'checkout', 'requestChanges', 'merge']);

function gitUri(session: KbSession, commit: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${path}`, query: new URLSearchParams({ root: session.kb.root, commit }).toString() });
}

async function chooseContribution(service: KnowledgeBaseService, target: unknown): Promise<{ session: KbSession; contribution: Contribution } | undefined> {
  await service.whenDiscovered();
  // From the Review view the argument is the contribution's node, whose label is its name.
  const node = target as { item?: () => vscode.TreeItem } | undefined;
  const wanted = typeof target === 'string' ? target : node?.item ? String(node.item().label) : undefined;
  const choices: Array<{ session: KbSession; contribution: Contribution }> = [];
  for (const session of service.sessions) {
    const prefix = await kbPrefix(git, session.kb.root).catch(() => undefined);
    if (prefix === undefined) continue;
    const { contributions } = await listContributions(git, session.kb.root, { kbPrefix: prefix, isEntry: (p) => session.kb.isEntryPath(p) });
    for (const contribution of contributions) if (contribution.added.length + contribution.changed.length + contribution.removed.length) choices.push({ session, contribution });
  }
  if (wanted) return choices.find((c) => c.contribution.name === wanted);
  if (!choices.length) {
    void vscode.window.showInformationMessage('No contributions wait for review: every branch is merged into the default branch.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.contribution.name, description: `${c.contribution.author.name} · ${plural(c.contribution.added.length + c.contribution.changed.length + c.contribution.removed.length, 'entry', 'entries')}`, choice: c })),
    { title: 'Review which contribution?' },
  );
  return pick?.choice;
}

export async function openReview(service: KnowledgeBaseService, log: CommonsLog, extensionUri: vscode.Uri, target?: unknown): Promise<vscode.WebviewPanel | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Commons does not run git in Restricted Mode. Trust this workspace to review contributions.');
    return undefined;
  }
  const chosen = await chooseContribution(service, target);
  if (!chosen) return undefined;
  const { session, contribution } = chosen;
  const prefix = await kbPrefix(git, session.kb.root);
  const reviews = await reviewContribution(git, session.kb.root, contribution, { kb: session.kb, kbPrefix: prefix });
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const panel = vscode.window.createWebviewPanel('commons.review', `Review ${contribution.name}`, vscode.ViewColumn.Active, { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] });
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = renderPage(panel.title, renderReviewBody(contribution, reviews, session.kb.config.reviewChecklist), {
    cspSource: panel.webview.cspSource,
    nonce,
    styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.css')).toString(),
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.js')).toString(),
  });
  panel.webview.onDidReceiveMessage(async (message: unknown) => {
    const { type, key } = (message ?? {}) as { type?: unknown; key?: unknown };
    if (typeof type !== 'string' || !ACTIONS.has(type) || typeof key !== 'string') return;
    if (type === 'openDiff' && reviews.some((review) => review.path === key)) {
      await vscode.commands.executeCommand('vscode.diff', gitUri(session, contribution.mergeBase, key), gitUri(session, contribution.head, key), `${key} (${contribution.name})`);
    } else if (type === 'requestChanges' && key === contribution.name) {
      const text = changeRequest(contribution, reviews);
      await vscode.env.clipboard.writeText(text);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: text }));
      void vscode.window.showInformationMessage('The review summary is in the clipboard, ready to paste into the pull request.');
    } else if (type === 'checkout' && key === contribution.name) {
      const args = contribution.kind === 'remote' ? ['switch', '--track', contribution.name] : ['switch', contribution.name];
      await git.run(args, session.kb.root).then(
        () => vscode.window.showInformationMessage(`Checked out ${contribution.name}.`),
        (error: Error) => vscode.window.showWarningMessage(`Commons could not check out ${contribution.name}: ${error.message}`),
      );
    } else if (type === 'merge' && key === contribution.name) {
      // Once merged there is nothing left to review here: the panel closes, and the Review view lists the branches again.
      if (await merge(session, contribution, log)) {
        panel.dispose();
        void vscode.commands.executeCommand('commons.relistContributions');
      }
    }
  });
  return panel;
}

/** Of the files a merge changes (from the repository's top), those that are no entries of this knowledge base. */
function notEntries(changed: string[], prefix: string, session: KbSession): string[] {
  return changed.filter((file) => !(file.startsWith(prefix) && session.kb.isEntryPath(file.slice(prefix.length))));
}

/** Merges after asking (and asks only when it can merge); true once merged. */
async function merge(session: KbSession, contribution: Contribution, log: CommonsLog): Promise<boolean> {
  let baseName: string;
  let others: string[];
  try {
    const ready = await mergeReadiness(mergePorts, session.kb.root, contribution.ref, { expectedHead: contribution.head });
    baseName = ready.base.name;
    others = notEntries(ready.changed, await kbPrefix(git, session.kb.root), session);
  } catch (error) {
    if (error instanceof MergeError) void vscode.window.showWarningMessage(`Commons cannot merge ${contribution.name}: ${error.message}.`);
    else await log.showError('git', 'Commons could not check whether the contribution can be merged.', error);
    return false;
  }
  // The review shows entries only: whatever else the merge brings is named before anyone confirms.
  const alsoChanges = others.length ? `It also changes ${others.length === 1 ? 'a file that is not an entry' : `${others.length} files that are not entries`}, not shown in the review: ${others.slice(0, 8).join(', ')}${others.length > 8 ? ', …' : ''}. ` : '';
  const confirm = await vscode.window.showWarningMessage(`Merge ${contribution.name} into ${baseName}?`, { modal: true, detail: `${alsoChanges}Nothing is pushed.` }, 'Merge');
  if (confirm !== 'Merge') return false;
  let merged = false;
  try {
    const result = await mergeContribution(mergePorts, session.kb.root, contribution.ref, { message: `Merge ${contribution.name}`, expectedHead: contribution.head });
    if (!result.merged) {
      void vscode.window.showWarningMessage(`${contribution.name} conflicts with the default branch (${result.conflicts.join(', ')}); the merge was undone and the repository is as it was.`);
      return false;
    }
    merged = true;
    log.info('git', `merged ${contribution.name}`);
    const push = await vscode.window.showInformationMessage(`Merged ${contribution.name}. Push the default branch?`, 'Push', 'Not Now');
    if (push === 'Push') {
      await git.run(['push'], session.kb.root).catch((error: Error) => {
        // What the remote said (a protected branch, a hook) is the reason a steward needs; the merge stays committed here.
        const reason = gitFailureDetail(error).split('\n').filter((line) => line.trim()).slice(-3).join(' ');
        return log.showError('git', `Commons could not push the merge (it is committed here, not lost): ${reason}`, error);
      });
    }
  } catch (error) {
    if (error instanceof MergeError) void vscode.window.showWarningMessage(`Commons did not merge: ${error.message}.`);
    else await log.showError('git', 'Commons could not merge the contribution.', error);
  } finally {
    await session.updateHistory();
  }
  return merged;
}
