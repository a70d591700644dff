// Links that follow an entry renamed or moved in VS Code: the entries linking to it, and its own
// relative links, are edited with the rename (see linkEditsForRenames), so nothing it was linked
// with breaks. Markdown links are left to VS Code's Markdown support when it is set to update them
// itself (markdown.updateLinksOnFileMove.enabled), so no link is edited twice.
import * as vscode from 'vscode';
import { linkEditsForRenames, linkSourcesForRenames } from '../../../core/edit/linkRenames';
import type { DocumentChange } from '../../platform/documentEdits';
import type { KnowledgeBaseService } from '../../platform/kbService';
import { followRenames, renamesBySession, type RenamedFiles } from '../../platform/renameFollowers';

export const SETTING = 'links.updateOnRename';

export function registerLinkFollowers(service: KnowledgeBaseService): vscode.Disposable {
  return followRenames((files) => linkChanges(service, files));
}

async function linkChanges(service: KnowledgeBaseService, files: RenamedFiles): Promise<DocumentChange[]> {
  const changes: DocumentChange[] = [];
  // An untrusted workspace is browsed, never edited.
  if (!vscode.workspace.isTrusted) return changes;
  // A rename in the first seconds of a window waits for the index: without it no link is found.
  await service.whenReady();
  const leftUnsaved: string[] = [];
  for (const [session, renames] of renamesBySession(service, files)) {
    const root = session.uriOf('');
    if (!vscode.workspace.getConfiguration('commons', root).get<boolean>(SETTING, true)) continue;
    const markdownByEditor = vscode.workspace.getConfiguration('markdown', root).get<string>('updateLinksOnFileMove.enabled', 'never') !== 'never';
    const index = session.kb.index;
    for (const source of linkSourcesForRenames(index.paths(), renames, (path) => index.backlinks(path))) {
      const document = await vscode.workspace.openTextDocument(session.uriOf(source));
      const edits = linkEditsForRenames(source, document.getText(), renames, index, { markdown: !markdownByEditor, wiki: true });
      if (!edits.length) continue;
      if (document.isDirty) leftUnsaved.push(source);
      else changes.push({ document, edits });
    }
  }
  if (leftUnsaved.length) {
    const names = leftUnsaved.length === 1 ? leftUnsaved[0] : `${leftUnsaved.length} entries (${leftUnsaved.slice(0, 3).join(', ')}${leftUnsaved.length > 3 ? ', …' : ''})`;
    void vscode.window.showWarningMessage(`Links in ${names} still name the old path: ${leftUnsaved.length === 1 ? 'it has' : 'they have'} unsaved changes. Save, then update them there.`);
  }
  return changes;
}
