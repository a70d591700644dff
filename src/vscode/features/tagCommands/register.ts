// Tag commands: add or remove tags on the active entry or on entries selected in the trees, rename
// or merge a tag across the knowledge base (with a preview and one undo), and mark an entry reviewed.
import * as vscode from 'vscode';
import { isoDay } from '../../../core/freshness';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { applyDocumentChanges, planDocumentChanges } from '../../platform/documentEdits';
import type { TreeNode } from '../../platform/treeProvider';
import { renameTag } from './renameTag';
import { pickTags } from '../../platform/tagPicker';

type CommandTarget = vscode.Uri | TreeNode | undefined;

/** Entries a command acts on: the tree selection when invoked from a tree, else the active editor. */
export function targetUris(target: CommandTarget, selection: CommandTarget[] | undefined): vscode.Uri[] {
  const fromTree = (node: CommandTarget) => (node instanceof vscode.Uri ? node : node?.item().resourceUri);
  const picked = (selection?.length ? selection : [target]).map(fromTree).filter((u): u is vscode.Uri => !!u);
  if (picked.length) return picked;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? [active] : [];
}

export function refuseWhenUntrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage(`Commons does not ${action} in Restricted Mode. Trust this workspace to edit entries.`);
  return true;
}

async function sessionOf(service: KnowledgeBaseService, uris: vscode.Uri[]): Promise<KbSession | undefined> {
  await service.whenDiscovered();
  const session = uris.length ? service.sessionFor(uris[0]) : undefined;
  if (!session || uris.some((uri) => !session.kbPathOf(uri))) {
    void vscode.window.showInformationMessage('Open an entry of the knowledge base (or select entries in a Commons view) first.');
    return undefined;
  }
  return session;
}

async function editEntries(uris: vscode.Uri[], operation: Parameters<typeof planDocumentChanges>[1], what: string): Promise<void> {
  const { changes, refused } = await planDocumentChanges(uris, operation);
  for (const { uri, reason } of refused) void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} was not changed: ${reason}.`);
  if (!(await applyDocumentChanges(changes))) void vscode.window.showErrorMessage(`Commons could not ${what}: the files changed meanwhile. Try again.`);
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('commons.addTag', async (target?: CommandTarget, selection?: CommandTarget[], tagsArg?: string[]) => {
      if (refuseWhenUntrusted('add tags')) return;
      const uris = targetUris(target, selection);
      const session = await sessionOf(service, uris);
      if (!session) return;
      const tags = tagsArg ?? (await pickTags(session, 'Add tags', true));
      if (!tags?.length) return;
      await editEntries(uris, (editor) => editor.addToList(session.kb.config.fields.tags ?? 'tags', tags), 'add the tags');
    }),
    vscode.commands.registerCommand('commons.removeTag', async (target?: CommandTarget, selection?: CommandTarget[], tagsArg?: string[]) => {
      if (refuseWhenUntrusted('remove tags')) return;
      const uris = targetUris(target, selection);
      const session = await sessionOf(service, uris);
      if (!session) return;
      const present = [...new Set(uris.flatMap((uri) => session.kb.index.get(session.kbPathOf(uri)!)?.writtenTags ?? []))].sort();
      const tags = tagsArg ?? (await pickTags(session, 'Remove tags', false, present));
      if (!tags?.length) return;
      await editEntries(uris, (editor) => editor.removeFromList(session.kb.config.fields.tags ?? 'tags', tags), 'remove the tags');
    }),
    vscode.commands.registerCommand('commons.markReviewed', async (target?: CommandTarget, selection?: CommandTarget[]) => {
      if (refuseWhenUntrusted('mark entries reviewed')) return;
      const uris = targetUris(target, selection);
      const session = await sessionOf(service, uris);
      if (!session) return;
      const today = isoDay(Date.now());
      await editEntries(uris, (editor) => editor.setField(session.kb.config.fields.reviewed ?? 'reviewed', today), 'mark the entries reviewed');
    }),
    // From the Tags view the argument is the tag's node; from tests and scripts it is the tag name.
    vscode.commands.registerCommand('commons.renameTag', (target?: CommandTarget | string, to?: string, options?: { preview?: boolean }) => {
      const from = typeof target === 'string' ? target : (target as { tag?: string } | undefined)?.tag;
      return renameTag(service, from, to, options?.preview ?? true);
    }),
  );
}
