// Every knowledge base in the workspace: one per commons.yml found in a workspace folder, else the
// folder itself. Views and commands reach knowledge bases only through this service.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE } from '../../core/config';
import { inSkippedFolder } from '../../core/knowledgeBase';
import type { CommonsLog } from './log';
import { KbSession } from './kbSession';

const MAX_CONFIGS_PER_FOLDER = 20;
/** How long change events gather before the views hear of them, normally and while indexing. */
const DEBOUNCE_MS = 100;
const INDEXING_DEBOUNCE_MS = 1000;
/** How long commons.yml files created or deleted gather before the knowledge bases are looked for again. */
const ROOTS_DEBOUNCE_MS = 500;

export class KnowledgeBaseService implements vscode.Disposable {
  sessions: KbSession[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when any knowledge base, its history or the set of knowledge bases changes. */
  readonly onDidChange = this.changed.event;
  private debounce?: NodeJS.Timeout;
  private rootsCheck?: NodeJS.Timeout;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private started: Promise<void> = Promise.resolve();
  private discovered: Promise<void> = Promise.resolve();
  private resolveDiscovered: () => void = () => undefined;
  /** Counts restarts: one that a newer restart overtook while it looked for knowledge bases gives way to it. */
  private restarts = 0;
  private latestRestart: Promise<void> = Promise.resolve();
  /** Whether `discovered` has resolved: a restart then starts a new one; else callers keep waiting on the one they hold. */
  private discoveredSettled = true;

  /** `release` names this Commons (id and version), for the snapshots (see KbSession). */
  constructor(private readonly storage: vscode.Uri | undefined, private readonly log: CommonsLog, private readonly release = '') {
    // A commons.yml that a pull or a checkout adds to a subfolder, or takes away from one, makes
    // or unmakes a knowledge base there, as a fresh start would find. A folder created or deleted
    // whole comes as one event, none for the files in it, so folders (names without a dot, most
    // of them) count too. Changes inside a commons.yml are its session's to follow.
    const files = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    // Nothing in .git or node_modules, which the search for commons.yml files passes over too.
    const skipped = (uri: vscode.Uri) => inSkippedFolder(vscode.workspace.asRelativePath(uri, false));
    files.onDidCreate(async (uri) => {
      const name = path.basename(uri.fsPath);
      if (skipped(uri) || (name !== CONFIG_FILE && name.includes('.'))) return;
      // Of the names without a dot, only folders may hold a commons.yml (not LICENSE, not a build's output file).
      const counts = name === CONFIG_FILE || (await vscode.workspace.fs.stat(uri).then((stat) => (stat.type & vscode.FileType.Directory) !== 0, () => false));
      if (counts) this.checkRootsSoon();
    });
    files.onDidDelete((uri) => {
      const gone = uri.fsPath;
      if (skipped(uri)) return;
      if (path.basename(gone) === CONFIG_FILE || this.sessions.some((s) => s.kb.root === gone || s.kb.root.startsWith(gone + path.sep))) this.checkRootsSoon();
    });
    this.disposables.push(
      files,
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.restart()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.sessions.forEach((s) => void s.updateHistory())),
    );
  }

  start(): void {
    this.started = this.restart();
  }

  /** Resolves once the knowledge bases of the workspace are known (indexing may still go on). */
  whenDiscovered(): Promise<void> {
    return this.discovered;
  }

  /** Resolves when every knowledge base has been indexed once. */
  async whenReady(): Promise<void> {
    await this.started;
    await Promise.all(this.sessions.map((s) => s.ready));
  }

  get indexing(): boolean {
    return this.sessions.some((s) => s.indexing);
  }

  sessionFor(uri: vscode.Uri): KbSession | undefined {
    return this.sessions
      .filter((s) => uri.fsPath === s.kb.root || uri.fsPath.startsWith(s.kb.root + path.sep))
      .sort((a, b) => b.kb.root.length - a.kb.root.length)[0];
  }

  /**
   * Looks for the workspace's knowledge bases again and opens a session for each. Restarts may
   * overlap (workspace folders and commons.yml files change while the last one still searches):
   * the sessions are replaced in one step once the search is done, and only by the newest restart,
   * so a knowledge base is never open twice and views never see a list half filled.
   */
  restart(): Promise<void> {
    const restart = this.restartAs(++this.restarts);
    this.latestRestart = restart;
    return restart;
  }

  private async restartAs(number: number): Promise<void> {
    if (this.discoveredSettled) {
      this.discoveredSettled = false;
      this.discovered = new Promise((resolve) => (this.resolveDiscovered = resolve));
    }
    const found: Array<{ root: string; folder: vscode.WorkspaceFolder }> = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      for (const root of await this.rootsIn(folder)) found.push({ root, folder });
    }
    // A newer restart searched after this one: its sessions are the ones to open.
    if (number !== this.restarts) return this.latestRestart;
    for (const session of this.sessions) session.dispose();
    this.sessions = found.map(({ root, folder }) => {
      const session = new KbSession(root, folder, this.storage, this.log, this.release);
      session.onDidChange(() => this.fireSoon());
      return session;
    });
    this.discoveredSettled = true;
    this.resolveDiscovered();
    this.fireSoon();
    await Promise.all(this.sessions.map((s) => s.start()));
  }

  private checkRootsSoon(): void {
    clearTimeout(this.rootsCheck);
    this.rootsCheck = setTimeout(() => void this.checkRoots(), ROOTS_DEBOUNCE_MS);
  }

  /** Starts over when the knowledge bases the workspace holds are no longer those open. */
  private async checkRoots(): Promise<void> {
    const found: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme === 'file') found.push(...(await this.rootsIn(folder)));
    }
    const open = this.sessions.map((s) => s.kb.root);
    if (found.length === open.length && found.every((root, i) => root === open[i])) return;
    this.log.info('index', `knowledge bases changed: ${found.join(', ') || 'none'}`);
    this.started = this.restart();
  }

  private async rootsIn(folder: vscode.WorkspaceFolder): Promise<string[]> {
    // An exclude given here replaces files.exclude, which would have left out .git too.
    const configs = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${CONFIG_FILE}`), '{**/node_modules/**,**/.git/**}', MAX_CONFIGS_PER_FOLDER);
    const roots = configs.map((uri) => path.dirname(uri.fsPath)).sort();
    return roots.length ? roots : [folder.uri.fsPath];
  }

  private fireSoon(): void {
    if (this.debounce) return;
    // While a knowledge base is indexing, the views catch up once a second rather than ten times:
    // each catch-up walks their entries, and on 100k entries that work, not the indexing, made a
    // load take three times as long.
    this.debounce = setTimeout(
      () => {
        this.debounce = undefined;
        this.changed.fire();
      },
      this.indexing ? INDEXING_DEBOUNCE_MS : DEBOUNCE_MS,
    );
  }

  dispose(): void {
    clearTimeout(this.debounce);
    clearTimeout(this.rootsCheck);
    for (const session of this.sessions) session.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
