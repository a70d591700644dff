// Start here: the learning paths of commons.yml, each entry checked once this user has opened it.
// What a user opened is kept per user (globalState), per knowledge base. An entry renamed or moved
// in VS Code keeps its place in the learning paths (commons.yml is edited with the rename) and its check.
import * as vscode from 'vscode';
import { CONFIG_FILE, type LearningPath } from '../../../core/config';
import { renameLearningPathEntries } from '../../../core/edit/configEdit';
import { movedPath, type PathRename } from '../../../core/paths';
import type { DocumentChange } from '../../platform/documentEdits';
import { followRenames, renamesBySession, type RenamedFiles } from '../../platform/renameFollowers';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { entryTreeItem } from '../../platform/entryItems';
import { CommonsTreeProvider, ItemNode, MessageNode, type TreeNode } from '../../platform/treeProvider';

const STATE_KEY = 'commons.openedEntries';

/** Remembers which entries this user has opened, across sessions. */
export class OpenedEntries {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, string[]> {
    return this.state.get<Record<string, string[]>>(STATE_KEY, {});
  }

  has(root: string, path: string): boolean {
    return this.all()[root]?.includes(path) ?? false;
  }

  async add(root: string, path: string): Promise<boolean> {
    const all = this.all();
    const list = all[root] ?? [];
    if (list.includes(path)) return false;
    await this.state.update(STATE_KEY, { ...all, [root]: [...list, path] });
    return true;
  }

  /** An entry renamed or moved (alone or with its folder) stays read under its new path. */
  async move(root: string, renames: PathRename[]): Promise<boolean> {
    const all = this.all();
    const list = all[root] ?? [];
    const moved = list.map((path) => movedPath(path, renames) ?? path);
    if (moved.every((path, i) => path === list[i])) return false;
    await this.state.update(STATE_KEY, { ...all, [root]: [...new Set(moved)] });
    return true;
  }
}

/**
 * The edit of commons.yml that keeps its learning paths naming entries renamed or moved in VS Code
 * (see renameLearningPathEntries). It joins the rename, so one undo reverts both.
 */
async function learningPathChanges(service: KnowledgeBaseService, files: RenamedFiles): Promise<DocumentChange[]> {
  const changes: DocumentChange[] = [];
  if (!vscode.workspace.isTrusted) return changes;
  // Before the knowledge bases are found, no rename could be placed in one.
  await service.whenReady();
  for (const [session, renames] of renamesBySession(service, files)) {
    // commons.yml as it is now, not as last loaded: a rename right after another may come before the reload.
    if (!session.kb.config.paths.length && !session.kb.configFindings.length) continue;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(session.uriOf(CONFIG_FILE));
    } catch {
      continue; // no commons.yml
    }
    const result = renameLearningPathEntries(document.getText(), renames);
    if (!result.ok) {
      const listed = session.kb.config.paths.some((path) => path.entries.some((entry) => movedPath(entry, renames) !== undefined));
      if (listed) void vscode.window.showWarningMessage(`${CONFIG_FILE} was left unchanged: ${result.reason}. Its learning paths still name the old path.`);
      continue;
    }
    if (!result.edits.length) continue;
    // A rename's edits are saved with it (see renameFollowers.ts): unsaved text in commons.yml would be saved too.
    if (document.isDirty) {
      void vscode.window.showWarningMessage(`${CONFIG_FILE} has unsaved changes, so its learning paths were left naming the old path: update them there.`);
      continue;
    }
    changes.push({ document, edits: result.edits });
  }
  return changes;
}

export class PathsProvider extends CommonsTreeProvider {
  constructor(service: KnowledgeBaseService, private readonly opened: OpenedEntries) {
    super(service);
  }

  protected roots(session: KbSession): TreeNode[] {
    const paths = session.kb.config.paths;
    if (!paths.length) return [new MessageNode('No learning paths yet: add a paths: list to commons.yml.', 'milestone')];
    return paths.map((path) => this.pathNode(session, path));
  }

  private pathNode(session: KbSession, path: LearningPath): TreeNode {
    // Only entries that exist count: one renamed or deleted is listed as missing, not as read or unread.
    const present = path.entries.filter((p) => session.kb.index.get(p));
    const done = present.filter((p) => this.opened.has(session.kb.root, p)).length;
    const item = new vscode.TreeItem(path.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `paths::${session.kb.root}::${path.name}`;
    item.iconPath = new vscode.ThemeIcon(present.length && done === present.length ? 'pass-filled' : 'milestone');
    item.description = `${done}/${present.length} read${present.length < path.entries.length ? ` · ${path.entries.length - present.length} missing` : ''}`;
    item.tooltip = path.description ?? path.name;
    return new ItemNode(item, () =>
      path.entries.map((entryPath, i) => {
        const entry = session.kb.index.get(entryPath);
        if (!entry) return new MessageNode(`${entryPath} is not an entry (check paths: in commons.yml)`, 'warning');
        const read = this.opened.has(session.kb.root, entryPath);
        const entryItem = entryTreeItem(session, entry, read ? 'read' : undefined);
        entryItem.label = `${i + 1}. ${entry.title}`;
        entryItem.iconPath = new vscode.ThemeIcon(read ? 'pass-filled' : 'circle-large-outline');
        return new ItemNode(entryItem);
      }),
    );
  }
}

export function register(service: KnowledgeBaseService, state: vscode.Memento): { provider: PathsProvider; disposable: vscode.Disposable } {
  const opened = new OpenedEntries(state);
  const provider = new PathsProvider(service, opened);
  const view = vscode.window.createTreeView('commons.paths', { treeDataProvider: provider });
  const tracker = vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    if (!editor) return;
    const session = service.sessionFor(editor.document.uri);
    const path = session?.entryPathOf(editor.document.uri);
    if (session && path && (await opened.add(session.kb.root, path))) provider.refresh();
  });
  const participant = followRenames((files) => learningPathChanges(service, files));
  const renamed = vscode.workspace.onDidRenameFiles(async (event) => {
    let changed = false;
    for (const [session, renames] of renamesBySession(service, event.files)) changed = (await opened.move(session.kb.root, renames)) || changed;
    if (changed) provider.refresh();
  });
  return { provider, disposable: vscode.Disposable.from(provider, view, tracker, participant, renamed) };
}
