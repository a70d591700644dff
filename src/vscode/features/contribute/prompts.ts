// Quiet prompts that make sharing a habit: an entry saved, passing its checks and left alone for a
// while is offered for proposing; entries this user owns that are due for review are offered once a
// day. Prompts are never modal, rate-limited, snoozable, off with one setting and never shown in
// Restricted Mode; "Not for this entry" is remembered.
import * as vscode from 'vscode';
import { checkEntry } from '../../../core/checks/runChecks';
import { freshnessOf } from '../../../core/freshness';
import { changedEntries } from '../../../core/git/contribution';
import { parsePerson } from '../../../core/people';
import { summarizePeople } from '../../../core/expertise';
import { listQuestions } from '../../../core/questions';
import { NodeGitRunner } from '../../../node/nodeGitRunner';
import type { KnowledgeBaseService } from '../../platform/kbService';

const git = new NodeGitRunner();
const DISMISSED_KEY = 'commons.prompts.dismissed';
const LAST_PROMPT_KEY = 'commons.prompts.last';
const LAST_REVIEW_PROMPT_KEY = 'commons.prompts.lastReview';
const DAY_MS = 86_400_000;

function settings() {
  const config = vscode.workspace.getConfiguration('commons.prompts');
  return {
    enabled: config.get<boolean>('enabled', true),
    delayMs: config.get<number>('delayMinutes', 10) * 60_000,
    minIntervalMs: config.get<number>('minIntervalMinutes', 60) * 60_000,
  };
}

export function register(service: KnowledgeBaseService, state: vscode.Memento): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();
  const allowed = () => settings().enabled && vscode.workspace.isTrusted;
  const dismissed = () => new Set(state.get<string[]>(DISMISSED_KEY, []));
  const rateLimited = () => Date.now() - state.get<number>(LAST_PROMPT_KEY, 0) < settings().minIntervalMs;

  const offerToShare = async (uri: vscode.Uri) => {
    timers.delete(uri.toString());
    const session = service.sessionFor(uri);
    const path = session?.entryPathOf(uri);
    if (!session || !path || !allowed() || rateLimited() || dismissed().has(uri.toString())) return;
    const entry = session.kb.index.get(path)!;
    if (checkEntry(session.kb, entry).some((f) => f.severity === 'error' && f.file === path)) return;
    const waiting = await changedEntries(git, session.kb.root, (p) => p === path).catch(() => []);
    if (!waiting.length) return;
    await state.update(LAST_PROMPT_KEY, Date.now());
    const choice = await vscode.window.showInformationMessage(`"${entry.title}" is ready to share with the community.`, 'Propose', 'Later', 'Not for This Entry');
    if (choice === 'Propose') await vscode.commands.executeCommand('commons.proposeContribution');
    if (choice === 'Not for This Entry') await state.update(DISMISSED_KEY, [...dismissed(), uri.toString()]);
  };

  const offerReviews = async () => {
    if (!allowed() || Date.now() - state.get<number>(LAST_REVIEW_PROMPT_KEY, 0) < DAY_MS) return;
    for (const session of service.sessions) {
      const me = await session.gitConfig('user.email');
      if (!me) continue;
      const id = parsePerson(me).id;
      const due = [...session.kb.index.byPersonId(id)]
        .map((p) => session.kb.index.get(p)!)
        .filter((e) => e.owner && parsePerson(e.owner).id === id && freshnessOf(e, session.kb.config.reviewIntervalDays, Date.now(), session.history).due);
      if (due.length) {
        await state.update(LAST_REVIEW_PROMPT_KEY, Date.now());
        const choice = await vscode.window.showInformationMessage(`${due.length} entr${due.length === 1 ? 'y you own is' : 'ies you own are'} due for review, first "${due[0].title}".`, 'Open', 'Later');
        if (choice === 'Open') await vscode.window.showTextDocument(session.uriOf(due[0].path));
        return;
      }
      // Open questions in the tags this person knows best (from what they wrote and changed).
      const history = session.history.available ? session.history : undefined;
      const myTags = new Set(summarizePeople(session.kb.index, history, Date.now()).find((p) => p.person.id === id)?.tags.slice(0, 5).map((t) => t.tag) ?? []);
      const open = listQuestions(session.kb.index, history).filter((q) => !q.answered && q.entry.tags.some((tag) => myTags.has(tag)));
      if (!open.length) continue;
      await state.update(LAST_REVIEW_PROMPT_KEY, Date.now());
      const choice = await vscode.window.showInformationMessage(`${open.length} open question${open.length === 1 ? '' : 's'} in tags you know, oldest "${open[0].entry.title}".`, 'Open', 'Later');
      if (choice === 'Open') await vscode.window.showTextDocument(session.uriOf(open[0].entry.path));
      return;
    }
  };

  let reviewTimer: NodeJS.Timeout | undefined = setTimeout(() => void service.whenReady().then(offerReviews), 60_000);
  return vscode.Disposable.from(
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!allowed() || document.languageId !== 'markdown') return;
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.set(key, setTimeout(() => void offerToShare(document.uri), settings().delayMs));
    }),
    // Editing again means the entry is not done yet: start the wait over at the next save.
    vscode.workspace.onDidChangeTextDocument((event) => {
      const key = event.document.uri.toString();
      if (timers.has(key) && event.contentChanges.length) {
        clearTimeout(timers.get(key));
        timers.delete(key);
      }
    }),
    {
      dispose: () => {
        timers.forEach((timer) => clearTimeout(timer));
        clearTimeout(reviewTimer);
        reviewTimer = undefined;
      },
    },
  );
}
