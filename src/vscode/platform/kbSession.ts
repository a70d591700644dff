// One knowledge base open in the editor: indexes it in the background (from a snapshot when one
// fits), follows changes on disk in batches, and reads git history when the workspace is trusted.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GitHistory } from '../../core/git/history';
import { isMarkdownName } from '../../core/discovery';
import { inSkippedFolder, KnowledgeBase, type FileEvent } from '../../core/knowledgeBase';
import { CONFIG_FILE } from '../../core/config';
import { DENDRON_CONFIG } from '../../core/dotHierarchy';
import { SearchIndex } from '../../core/search';
import { SimilarityIndex } from '../../core/suggestions';
import { linesOf, restoreSnapshot, serializeSnapshot, wholeSnapshot, type SnapshotSource } from '../../core/snapshot';
import { NodeFileSystem } from '../../node/nodeFileSystem';
import { NodeGitRunner } from '../../node/nodeGitRunner';
import { legacySnapshotFileNames, snapshotFileExists, snapshotFileName, snapshotSource, snapshotTextsFile, writeSnapshotFile } from '../../node/snapshotFile';
import type { CommonsLog } from './log';

const fs = new NodeFileSystem();
const git = new NodeGitRunner();
/** Watcher events are gathered this long, so a checkout of thousands of files is one batch. */
const BATCH_MS = 250;
const EVENTS_PER_SLICE = 400;

/** How long work done ahead after a load (search text, similarity) holds the event loop at a time. */
const SLICE_MS = 25;
/** Tries at building the link sources after a load, a second apart (see prepareLinks). */
const LINK_BUILD_ATTEMPTS = 5;
const LINK_BUILD_RETRY_MS = 1000;
/** How long after a change on disk, or a commit, checkout or pull, git history is read again. */
const HISTORY_DELAY_MS = 2_000;
/**
 * The files git writes when HEAD moves (a commit, checkout, reset, pull, merge, rebase), relative
 * to the git folder: a commit made in a terminal changes no file of the work tree.
 */
const HEAD_FILES = '{HEAD,logs/HEAD,packed-refs,refs/heads/**}';
/** Ignore rules above a knowledge base that change (a pull, an edit) are read again after this long. */
const IGNORES_DELAY_MS = 500;

export class KbSession implements vscode.Disposable {
  readonly kb: KnowledgeBase;
  readonly history: GitHistory;
  readonly search: SearchIndex;
  readonly similarity: SimilarityIndex;
  readonly rootUri: vscode.Uri;
  indexing = false;
  private readonly disposables: vscode.Disposable[] = [];
  private pending = new Map<string, FileEvent['kind']>();
  private flushTimer?: NodeJS.Timeout;
  private ignoresTimer?: NodeJS.Timeout;
  private historyTimer?: NodeJS.Timeout;
  private snapshotTimer?: NodeJS.Timeout;
  private snapshotWriting: Promise<void> = Promise.resolve();
  private oldSnapshotRemoved = false;
  private disposed = false;
  /** Whether git has been asked for this knowledge base's history yet (see history.available). */
  historyChecked = false;
  private gitWatched = false;
  /** Loads started, so that the link-sources build of an older load knows a newer one took over. */
  private loads = 0;
  private linksPending = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  ready: Promise<void> = Promise.resolve();

  /** `release` names this Commons (id and version): a snapshot another release wrote is not used. */
  constructor(root: string, readonly folder: vscode.WorkspaceFolder, private readonly storage: vscode.Uri | undefined, private readonly log: CommonsLog, private readonly release = '') {
    this.rootUri = vscode.Uri.file(root);
    this.kb = new KnowledgeBase(root, fs, log);
    this.history = new GitHistory(git, root);
    this.search = new SearchIndex(this.kb.index);
    this.similarity = new SimilarityIndex(this.kb.index);
    this.disposables.push(this.changed, { dispose: () => this.search.dispose() }, { dispose: () => this.similarity.dispose() });
    const indexEvents = this.kb.index.onDidChange(() => this.changed.fire());
    this.disposables.push({ dispose: () => indexEvents.dispose() });
  }

  get name(): string {
    return this.kb.config.name ?? path.basename(this.kb.root);
  }

  start(): Promise<void> {
    this.watch();
    this.ready = this.indexAll();
    return this.ready;
  }

  uriOf(entryPath: string): vscode.Uri {
    return vscode.Uri.file(this.kb.absolutePath(entryPath));
  }

  /** The KB-relative path of an indexed entry. */
  entryPathOf(uri: vscode.Uri): string | undefined {
    const posix = this.kbPathOf(uri);
    return posix && this.kb.index.get(posix) ? posix : undefined;
  }

  /** The KB-relative path of a file that is an entry by its location, indexed yet or not. */
  kbPathOf(uri: vscode.Uri): string | undefined {
    const posix = this.relativePathOf(uri);
    return posix && this.kb.isEntryPath(posix) ? posix : undefined;
  }

  /** The KB-relative path of any file or folder inside the knowledge base (not its root). */
  relativePathOf(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const relative = path.relative(this.kb.root, uri.fsPath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  async reindex(): Promise<void> {
    this.ready = this.indexAll(false);
    await this.ready;
  }

  private async indexAll(useSnapshot = true): Promise<void> {
    const load = ++this.loads;
    this.linksPending = true;
    this.indexing = true;
    this.changed.fire();
    const started = Date.now();
    try {
      await this.kb.loadConfig();
      // The load stats the files while the snapshot is restored. Without a snapshot file it reads
      // files as the walk finds them instead, so the views fill in from the start.
      let restoredAfter = 0;
      const restoring = useSnapshot && (await this.snapshotExists()) ? this.readSnapshot().finally(() => (restoredAfter = Date.now() - started)) : undefined;
      const { reused } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Commons: indexing ${this.name}` }, (progress) =>
        this.kb.load({
          previous: restoring,
          configLoaded: true,
          isCancelled: () => this.disposed,
          onProgress: (count) => progress.report({ message: `${count.toLocaleString()} entries` }),
        }),
      );
      const restored = await restoring;
      const fromSnapshot = restored ? ` (${reused} from the snapshot, restored after ${restoredAfter} ms)` : '';
      this.log.info('index', `${this.kb.index.size} entries in ${this.kb.root} indexed in ${Date.now() - started} ms${fromSnapshot}`);
      // A warm start that reused every entry of the snapshot and found no other file leaves it as
      // it is: writing it again (100 MB at 100k entries) would only compete with the first work.
      const unchanged = restored !== undefined && restored.size === this.kb.index.size && [...restored].every(([path, entry]) => this.kb.index.get(path) === entry);
      if (!unchanged) this.scheduleSnapshot(0);
    } catch (error) {
      await this.log.showError('index', `Commons could not index ${this.kb.root}.`, error);
    } finally {
      this.indexing = false;
      this.changed.fire();
    }
    void this.prepareLinks(load);
    await this.updateHistory();
  }

  /**
   * True while a load or the slices after it are building the index of who links where: asking
   * for backlinks then would build it at once, a pause of a second on a large knowledge base, so
   * the Links view waits.
   */
  get backlinksPending(): boolean {
    return this.linksPending && !this.kb.index.linkSourcesReady;
  }

  /**
   * Builds the link sources in slices after load number `load`, then prepares search and tag
   * similarity the same way; each stops between two slices once a newer load took over or the
   * session closed (what is left is done by the next call or the first query).
   */
  private async prepareLinks(load: number): Promise<void> {
    try {
      // A build gives up when the index keeps changing under it (a branch switch); try again a little later.
      for (let attempt = 0; attempt < LINK_BUILD_ATTEMPTS && load === this.loads && !this.disposed; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, LINK_BUILD_RETRY_MS));
        if (await this.kb.prepareLinkSources()) break;
      }
    } catch (error) {
      this.log.warn('index', `backlinks index not built ahead for ${this.kb.root}: ${(error as Error).message}`);
    }
    if (load !== this.loads || this.disposed) return;
    // From here a backlinks query builds whatever is still missing itself.
    this.linksPending = false;
    this.changed.fire();
    // Then what search and tag suggestions read, so that neither first query pauses on 100k entries.
    const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    const superseded = () => load !== this.loads || this.disposed;
    for (const [name, ahead] of [['search', this.search], ['tag similarity', this.similarity]] as const) {
      try {
        await ahead.prepareInSlices(SLICE_MS, pause, superseded);
      } catch (error) {
        this.log.warn('index', `${name} not prepared ahead for ${this.kb.root}: ${(error as Error).message}`);
      }
    }
  }

  /** Reads git history when the workspace is trusted: git can run programs named in a repository's config. */
  async updateHistory(): Promise<void> {
    if (!vscode.workspace.isTrusted || this.disposed) return;
    const firstCheck = !this.historyChecked;
    try {
      const { newCommits } = await this.history.update();
      if (newCommits) {
        this.log.info('git', `${newCommits} new commit(s) read for ${this.kb.root}`);
        this.changed.fire();
      }
    } catch (error) {
      this.log.warn('git', `history unavailable for ${this.kb.root}: ${(error as Error).message}`);
    } finally {
      this.historyChecked = true;
    }
    if (this.history.available) await this.watchGit();
    // Views waiting to learn whether there is a repository at all hear that there is none.
    if (firstCheck && !this.history.available) this.changed.fire();
  }

  /** A git setting (user.name...), or undefined; git is only run in trusted workspaces. */
  async gitConfig(key: string): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    try {
      return (await git.run(['config', '--get', key], this.kb.root)).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * One watcher for everything below the root: entries in any letter case (`.Md` too), commons.yml
   * and .gitignore files, and folders, which VS Code reports as one event when they are created,
   * moved or deleted whole (none for the files in them). The core sorts them out (applyFileEvents);
   * changes to other files and anything under skipped folders (.git, node_modules) stop here.
   */
  private watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.rootUri, '**/*'));
    watcher.onDidCreate((uri) => this.queue(uri, 'changed'));
    watcher.onDidChange((uri) => this.queue(uri, 'changed', true));
    watcher.onDidDelete((uri) => this.queue(uri, 'deleted'));
    this.disposables.push(watcher);
  }

  /** `contentOnly`: a change to a file's content, which matters for entries, settings files and .mailmap alone. */
  private queue(uri: vscode.Uri, kind: FileEvent['kind'], contentOnly = false): void {
    const relative = path.relative(this.kb.root, uri.fsPath).split(path.sep).join('/');
    if (!relative || relative.startsWith('..') || inSkippedFolder(relative)) return;
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    // .mailmap decides the names git history gives, committed or not: its edits reach the history.
    if (contentOnly && !isMarkdownName(name) && name !== CONFIG_FILE && name !== '.gitignore' && name !== '.mailmap' && relative !== DENDRON_CONFIG) return;
    this.pending.set(relative, kind);
    if (!this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), BATCH_MS);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    await this.ready;
    const events = [...this.pending].map(([p, kind]) => ({ path: p, kind }));
    this.pending = new Map();
    let configChanged = false;
    // Large batches are applied in slices so the extension host keeps answering in between.
    for (let i = 0; i < events.length && !this.disposed; i += EVENTS_PER_SLICE) {
      configChanged = (await this.kb.applyFileEvents(events.slice(i, i + EVENTS_PER_SLICE))) || configChanged;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (configChanged) {
      this.log.info('config', `${CONFIG_FILE} changed: re-indexing ${this.kb.root}`);
      await this.reindex();
      return;
    }
    this.scheduleSnapshot(10_000);
    this.updateHistorySoon();
  }

  private updateHistorySoon(): void {
    clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => void this.updateHistory(), HISTORY_DELAY_MS);
  }

  /**
   * Watches where git moves HEAD, once, so that history follows commits, checkouts and pulls made
   * outside the editor even when they change no entry. The git folder may lie outside the
   * knowledge base (commons.yml in a subfolder, a linked worktree), so git is asked where it is.
   */
  private async watchGit(): Promise<void> {
    if (this.gitWatched || this.disposed) return;
    this.gitWatched = true;
    let gitDir: string;
    let top: string;
    try {
      [gitDir, top] = (await git.run(['rev-parse', '--absolute-git-dir', '--show-toplevel'], this.kb.root)).trim().split('\n');
    } catch (error) {
      this.log.warn('git', `commits made outside the editor are not followed for ${this.kb.root}: ${(error as Error).message}`);
      return;
    }
    if (this.disposed) return;
    const watch = (folder: string, pattern: string, changed: () => void) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), pattern));
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      this.disposables.push(watcher);
    };
    watch(gitDir, HEAD_FILES, () => this.updateHistorySoon());
    // What git ignores from above the knowledge base (the .gitignore files of the folders between it
    // and the top of the work tree, and info/exclude) decides its entries as its own .gitignore does:
    // a change there is read again as one inside it is.
    const ignoresChanged = () => {
      clearTimeout(this.ignoresTimer);
      this.ignoresTimer = setTimeout(() => {
        this.log.info('config', `ignore rules or dendron.yml above ${this.kb.root} changed: re-indexing`);
        void this.reindex();
      }, IGNORES_DELAY_MS);
    };
    watch(gitDir, 'info/exclude', ignoresChanged);
    // Folders above, up to the top: none when git names the top otherwise (a path through a symbolic link).
    const below = path.relative(top, this.kb.root);
    const levels = below.startsWith('..') || path.isAbsolute(below) ? 0 : below.split(path.sep).filter(Boolean).length;
    for (let folder = path.dirname(this.kb.root), level = 0; level < levels; folder = path.dirname(folder), level++) {
      watch(folder, '.gitignore', ignoresChanged);
      // A dendron.yml above (a vault in its workspace) decides the Topics layout and the summary field.
      watch(folder, DENDRON_CONFIG, ignoresChanged);
    }
  }

  private snapshotUri(): vscode.Uri | undefined {
    if (!this.storage || !vscode.workspace.getConfiguration('commons').get<boolean>('snapshot.enabled', true)) return undefined;
    return vscode.Uri.joinPath(this.storage, snapshotFileName(this.kb.root));
  }

  private async snapshotExists(): Promise<boolean> {
    const uri = this.snapshotUri();
    if (!uri) return false;
    // Local storage is asked directly: at a window reload, a stat through the workbench waited
    // behind its start-up for most of a second before the restore could begin.
    if (uri.scheme === 'file') return snapshotFileExists(uri.fsPath);
    return vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
  }

  private async readSnapshot() {
    const uri = this.snapshotUri();
    if (!uri) return undefined;
    const refused = (reason: string, damaged: boolean) => {
      const message = `the snapshot was not used, as ${reason}: every file is read instead`;
      if (damaged) this.log.warn('index', message);
      else this.log.info('index', message);
    };
    try {
      return await restoreSnapshot(await this.snapshotSource(uri), this.kb.root, this.kb.config, this.kb.stringPool, refused, this.release);
    } catch (error) {
      refused(`it could not be read (${(error as Error).message})`, true);
      return undefined;
    }
  }

  /** Local storage is read a block at a time; other file systems hand over whole files. */
  private async snapshotSource(uri: vscode.Uri): Promise<SnapshotSource> {
    if (uri.scheme === 'file') return snapshotSource(uri.fsPath);
    const readWhole = (file: vscode.Uri) => vscode.workspace.fs.readFile(file).then(undefined, () => undefined);
    const [lines, texts] = await Promise.all([readWhole(uri), readWhole(this.textsUri(uri))]);
    return { lines: linesOf(lines ? new TextDecoder().decode(lines) : ''), texts };
  }

  private textsUri(uri: vscode.Uri): vscode.Uri {
    return uri.with({ path: snapshotTextsFile(uri.path) });
  }

  private scheduleSnapshot(delayMs: number): void {
    clearTimeout(this.snapshotTimer);
    // Writes take turns: a large snapshot can take longer to write than the delay between two.
    this.snapshotTimer = setTimeout(() => (this.snapshotWriting = this.snapshotWriting.then(() => this.writeSnapshot())), delayMs);
  }

  private async writeSnapshot(): Promise<void> {
    const uri = this.snapshotUri();
    if (!uri || this.disposed) return;
    try {
      await vscode.workspace.fs.createDirectory(this.storage!);
      const pieces = serializeSnapshot(this.kb.root, this.kb.config, this.kb.index.all(), this.release);
      if (uri.scheme === 'file') await writeSnapshotFile(uri.fsPath, pieces);
      else {
        const { lines, texts } = wholeSnapshot(pieces);
        await vscode.workspace.fs.writeFile(this.textsUri(uri), texts);
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines));
      }
      // Earlier releases named the files otherwise: drop theirs once, after the first new snapshot.
      if (!this.oldSnapshotRemoved) {
        this.oldSnapshotRemoved = true;
        for (const name of legacySnapshotFileNames(this.kb.root)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.storage!, name)).then(undefined, () => undefined);
      }
    } catch (error) {
      this.log.warn('index', `snapshot not saved: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.ignoresTimer);
    clearTimeout(this.historyTimer);
    clearTimeout(this.snapshotTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
