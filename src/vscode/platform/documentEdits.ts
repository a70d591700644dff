// Core edits (offset ranges) applied through the editor: a WorkspaceEdit keeps undo and any unsaved
// text in open editors; only documents that were clean before are saved afterwards.
import * as vscode from 'vscode';
import { editText, type TextOperation } from '../../core/edit/tagOperations';
import type { TextEdit } from '../../core/edit/textEdit';

export interface DocumentChange {
  document: vscode.TextDocument;
  edits: TextEdit[];
}

/** Computes an operation on each document's current text (unsaved text included). */
export async function planDocumentChanges(uris: vscode.Uri[], operation: TextOperation): Promise<{ changes: DocumentChange[]; refused: Array<{ uri: vscode.Uri; reason: string }> }> {
  const changes: DocumentChange[] = [];
  const refused: Array<{ uri: vscode.Uri; reason: string }> = [];
  for (const uri of uris) {
    const document = await vscode.workspace.openTextDocument(uri);
    const result = editText(document.getText(), operation);
    if (!result.ok) refused.push({ uri, reason: result.reason });
    else if (result.edits.length) changes.push({ document, edits: result.edits });
  }
  return { changes, refused };
}

export function toWorkspaceEdit(changes: DocumentChange[], confirmation?: { label: string; description?: string }): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { document, edits } of changes) {
    for (const change of edits) {
      const range = new vscode.Range(document.positionAt(change.start), document.positionAt(change.end));
      if (confirmation) edit.replace(document.uri, range, change.text, { label: confirmation.label, description: confirmation.description, needsConfirmation: true });
      else edit.replace(document.uri, range, change.text);
    }
  }
  return edit;
}

/** Applies the changes as one undoable edit; saves the documents that had no unsaved changes before. */
export async function applyDocumentChanges(changes: DocumentChange[], confirmation?: { label: string; description?: string }): Promise<boolean> {
  if (!changes.length) return true;
  const wasClean = new Set(changes.filter((c) => !c.document.isDirty).map((c) => c.document.uri.toString()));
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(changes, confirmation), { isRefactoring: !!confirmation });
  if (!applied) return false;
  await Promise.all(changes.filter(({ document }) => wasClean.has(document.uri.toString()) && document.isDirty).map(({ document }) => document.save()));
  return true;
}
