// commons.proposeContribution: choose new and changed entries, check them, commit them alone on a
// new branch and push it, then offer to open the pull request. A status-bar item counts what is
// waiting to be shared. Nothing is committed or pushed without the user's word.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { checkEntry } from '../../../core/checks/runChecks';
import { parseEntryText } from '../../../core/entryParser';
import { entryName } from '../../../core/paths';
import { plural } from '../../../core/plural';
import { branchName, changedEntries, ContributionError, propose, type ChangedEntry } from '../../../core/git/contribution';
import { proposedAlready } from '../../../core/git/proposed';
import { NodeFileSystem } from '../../../node/nodeFileSystem';
import { NodeGitRunner } from '../../../node/nodeGitRunner';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import type { CommonsLog } from '../../platform/log';
import * as prompts from './prompts';

const git = new NodeGitRunner();
const ports = { git, fs: new NodeFileSystem() };

export interface ProposeOptions {
  /** KB-relative paths to propose without asking (scripts and tests). */
  paths?: string[];
  /** Propose even when the checks find errors, without asking. */
  overrideErrors?: boolean;
}

function settings() {
  const config = vscode.workspace.getConfiguration('commons.contribution');
  return {
    branchPattern: config.get<string>('branchPattern', 'kb/<slug>'),
    message: config.get<string>('message', '<titles>'),
    remote: config.get<string>('remote', '') || undefined,
  };
}

/**
 * An entry's title, read from the file when the index has not caught up with it yet, and for an
 * entry deleted in the work tree from its last commit ("Remove" then heads a commit message).
 */
async function titleOf(session: KbSession, entryPath: string): Promise<string> {
  const indexed = session.kb.index.get(entryPath);
  if (indexed) return indexed.title;
  const parse = (text: string) => parseEntryText(entryPath, text, { size: 0, mtimeMs: 0 }, session.kb.parseContext).title;
  try {
    return parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(session.uriOf(entryPath))));
  } catch {
    // `HEAD:./path` names the committed file relative to the knowledge base's folder.
    const committed = await git.run(['cat-file', 'blob', `HEAD:./${entryPath}`], session.kb.root).catch(() => undefined);
    return committed === undefined ? entryName(entryPath) : parse(committed);
  }
}

/** Changed entries, and those an open proposal holds as they are now (offered unticked). */
async function pickEntries(session: KbSession, changed: ChangedEntry[]): Promise<string[] | undefined> {
  const held = await proposedAlready(git, session.kb.root, changed, settings().branchPattern).catch(() => new Map<string, string>());
  const items = await Promise.all(changed.map(async (c) => ({
    label: await titleOf(session, c.path),
    description: `${c.status} · ${c.path}${held.has(c.path) ? ` · proposed on ${held.get(c.path)}` : ''}`,
    picked: !held.has(c.path),
    path: c.path,
  })));
  const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Propose these entries', placeHolder: 'Untick what should not be shared yet' });
  return chosen?.map((item) => item.path);
}

/**
 * A proposal takes the files as saved: chosen entries with unsaved changes are saved first, or
 * proposed as saved, as the user says. False when they cancel.
 */
async function unsavedHandled(session: KbSession, paths: string[]): Promise<boolean> {
  const chosen = new Set(paths.map((p) => session.uriOf(p).toString()));
  const unsaved = vscode.workspace.textDocuments.filter((d) => d.isDirty && chosen.has(d.uri.toString()));
  if (!unsaved.length) return true;
  const names = unsaved.map((d) => session.kbPathOf(d.uri) ?? d.uri.fsPath);
  const answer = await vscode.window.showWarningMessage(
    `${plural(unsaved.length, 'chosen entry has', 'chosen entries have')} unsaved changes: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`,
    { modal: true, detail: 'A proposal holds the files as they are saved.' },
    'Save and Propose',
    'Propose Saved Version',
  );
  if (answer === 'Save and Propose') return (await Promise.all(unsaved.map((d) => d.save()))).every(Boolean);
  return answer === 'Propose Saved Version';
}

/** Runs the checks on the chosen entries; resolves false when errors remain and the user does not override. */
async function checksPass(session: KbSession, paths: string[], override: boolean | undefined): Promise<boolean> {
  const errors = paths.flatMap((p) => {
    const entry = session.kb.index.get(p);
    return entry ? checkEntry(session.kb, entry).filter((f) => f.severity === 'error' && f.file === p) : [];
  });
  if (!errors.length || override) return true;
  const first = errors[0];
  const choice = await vscode.window.showWarningMessage(
    `${plural(errors.length, 'problem')} in the chosen entries, first: ${first.file}:${first.line} ${first.message}`,
    'Show Problems',
    'Propose Anyway',
  );
  if (choice === 'Show Problems') {
    await vscode.window.showTextDocument(session.uriOf(first.file), { selection: new vscode.Range(first.line - 1, 0, first.line - 1, 0) });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return choice === 'Propose Anyway';
}

/** `afterwards` runs once the proposal is made or has failed (the status bar counts again). */
export async function proposeContribution(service: KnowledgeBaseService, log: CommonsLog, options: ProposeOptions = {}, afterwards?: () => void): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Commons does not run git in Restricted Mode. Trust this workspace to propose contributions.');
    return;
  }
  await service.whenDiscovered();
  const active = vscode.window.activeTextEditor?.document.uri;
  const session = (active && service.sessionFor(active)) ?? service.sessions[0];
  if (!session) return;
  const changed = await changedEntries(git, session.kb.root, (p) => session.kb.isEntryPath(p)).catch(() => undefined);
  if (!changed) {
    void vscode.window.showWarningMessage('This knowledge base is not in a git repository: run "git init" and make a first commit to share it.');
    return;
  }
  if (!changed.length) {
    void vscode.window.showInformationMessage('There is nothing to propose: no new or changed entries.');
    return;
  }
  const paths = options.paths ?? (await pickEntries(session, changed));
  if (!paths?.length) return;
  if (!(await unsavedHandled(session, paths))) return;
  if (!(await checksPass(session, paths, options.overrideErrors))) return;
  const deleted = new Set(changed.filter((c) => c.status === 'deleted').map((c) => c.path));
  const titles = await Promise.all(paths.map(async (p) => (deleted.has(p) ? `Remove ${await titleOf(session, p)}` : titleOf(session, p))));
  const { branchPattern, message, remote } = settings();
  try {
    const branch = branchName(branchPattern, titles[0]);
    const commitMessage = message.replace('<titles>', titles.length === 1 ? titles[0] : `${titles.length} entries: ${titles.join(', ')}`);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Proposing ${plural(paths.length, 'entry', 'entries')}…` }, () =>
      propose(ports, { cwd: session.kb.root, files: paths, branch, message: commitMessage, remote, tempDir: os.tmpdir() }),
    );
    log.info('git', `proposed ${paths.join(', ')} as ${result.commit} on ${result.branch}${result.pushed ? ` (pushed to ${result.remote})` : ''}`);
    if (result.pushed) {
      const actions = result.compareUrl ? ['Open Pull Request'] : [];
      // The command ends here; the notification stays for the user to act on when they like.
      const what = result.updated ? `Updated the proposal on branch ${result.branch}` : `Proposed on branch ${result.branch}`;
      void vscode.window.showInformationMessage(`${what} and pushed to ${result.remote}.`, ...actions).then((choice) => {
        if (choice === 'Open Pull Request' && result.compareUrl) void vscode.env.openExternal(vscode.Uri.parse(result.compareUrl));
      });
    } else {
      log.warn('git', `push of ${result.branch} did not happen: ${result.pushError}`);
      void vscode.window.showWarningMessage(`Committed on branch ${result.branch}, but not pushed: ${result.pushError?.split('\n')[0]}`, 'Open Log').then((choice) => {
        if (choice === 'Open Log') log.channel.show(true);
      });
    }
  } catch (error) {
    if (error instanceof ContributionError) void vscode.window.showWarningMessage(`Commons could not propose: ${error.message}.`);
    else await log.showError('git', 'Commons could not propose the contribution.', error);
  } finally {
    // The Review view lists the new branch at once (its own refresh waits for the index to change).
    void vscode.commands.executeCommand('commons.relistContributions');
    afterwards?.();
    await session.updateHistory();
  }
}

export function register(service: KnowledgeBaseService, log: CommonsLog, state: vscode.Memento): vscode.Disposable {
  const status = vscode.window.createStatusBarItem('commons.toShare', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Commons: entries to share';
  status.command = 'commons.proposeContribution';
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const enabled = vscode.workspace.getConfiguration('commons.contribution').get<boolean>('statusBar', true);
    if (!enabled || !vscode.workspace.isTrusted) return status.hide();
    let count = 0;
    for (const session of service.sessions) {
      void watchGitState(session.kb.root);
      const changed = await changedEntries(git, session.kb.root, (p) => session.kb.isEntryPath(p)).catch(() => []);
      // Entries an open proposal holds as they are now are shared already.
      const held = await proposedAlready(git, session.kb.root, changed, settings().branchPattern).catch(() => new Map<string, string>());
      count += changed.length - held.size;
    }
    if (!count) return status.hide();
    status.text = `$(git-pull-request-create) ${count} to share`;
    status.tooltip = `${plural(count, 'new or changed entry', 'new or changed entries')} waiting to be proposed. Click to propose.`;
    status.show();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 1000);
  };
  // A commit, push or branch made outside Commons (in a terminal, say) changes what waits to be
  // shared without changing a file of the knowledge base: the repository's index and refs are watched.
  const gitWatchers = new Map<string, vscode.Disposable>();
  const watchGitState = async (root: string) => {
    if (gitWatchers.has(root)) return;
    gitWatchers.set(root, new vscode.Disposable(() => undefined));
    const gitDir = (await git.run(['rev-parse', '--absolute-git-dir'], root).catch(() => '')).trim();
    if (!gitDir) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(gitDir), '{index,HEAD,refs/**,packed-refs}'));
    watcher.onDidChange(schedule);
    watcher.onDidCreate(schedule);
    watcher.onDidDelete(schedule);
    gitWatchers.set(root, watcher);
  };
  schedule();
  return vscode.Disposable.from(
    status,
    prompts.register(service, state),
    service.onDidChange(schedule),
    vscode.workspace.onDidSaveTextDocument(schedule),
    { dispose: () => clearTimeout(timer) },
    { dispose: () => gitWatchers.forEach((watcher) => watcher.dispose()) },
    vscode.commands.registerCommand('commons.proposeContribution', (options?: ProposeOptions) => proposeContribution(service, log, options, schedule)),
  );
}
