// Edits that follow files renamed or moved in VS Code (the Explorer, or a WorkspaceEdit): commons.yml's
// learning paths, links to the moved entries. Each joins the rename as a participant's edit, so one
// undo reverts the rename and them together.
//
// VS Code saves the documents a rename's participants edit only when the rename changes more than
// one file; the rest would be left unsaved. So the documents a follower edits are saved once the
// rename is done. A follower leaves documents with unsaved changes alone: saving them would save
// text their author has not chosen to save.
import * as vscode from 'vscode';
import type { PathRename } from '../../core/paths';
import { toWorkspaceEdit, type DocumentChange } from './documentEdits';
import type { KnowledgeBaseService } from './kbService';
import type { KbSession } from './kbSession';

export type RenamedFiles = ReadonlyArray<{ oldUri: vscode.Uri; newUri: vscode.Uri }>;

/** The changes a follower makes for one rename, computed before the files move; its documents have no unsaved changes. */
export type RenameFollower = (files: RenamedFiles) => Promise<DocumentChange[]>;

export function followRenames(follow: RenameFollower): vscode.Disposable {
  // The documents edited for each rename, saved once that rename is done. A rename that never
  // happens (cancelled) leaves its entry unused, so nothing is saved for it later.
  const toSave = new Map<string, vscode.Uri[]>();
  const participant = vscode.workspace.onWillRenameFiles((event) => {
    const key = renameKey(event.files);
    event.waitUntil(
      follow(event.files).then((changes) => {
        toSave.set(key, changes.map((change) => change.document.uri));
        return toWorkspaceEdit(changes);
      }),
    );
  });
  const renamed = vscode.workspace.onDidRenameFiles(async (event) => {
    const key = renameKey(event.files);
    const uris = toSave.get(key) ?? [];
    toSave.delete(key);
    // A document inside a moved file or folder is now at its new place. All are saved at once.
    const documents = uris.map((uri) => movedUri(uri, event.files).toString()).map((now) => vscode.workspace.textDocuments.find((one) => one.uri.toString() === now));
    await Promise.all(documents.filter((document) => document?.isDirty).map((document) => document!.save()));
  });
  return vscode.Disposable.from(participant, renamed);
}

/** The renames of one rename event by knowledge base, as KB-relative paths. */
export function renamesBySession(service: KnowledgeBaseService, files: RenamedFiles): Map<KbSession, PathRename[]> {
  const bySession = new Map<KbSession, PathRename[]>();
  for (const { oldUri, newUri } of files) {
    const session = service.sessionFor(oldUri);
    // Files and folders alike: a folder moves the entries inside it (see movedPath).
    const from = session?.relativePathOf(oldUri);
    const to = session?.relativePathOf(newUri);
    // A move out of the knowledge base, or of its root, leaves nothing to follow.
    if (!session || !from || !to) continue;
    bySession.set(session, [...(bySession.get(session) ?? []), { from, to }]);
  }
  return bySession;
}

function renameKey(files: RenamedFiles): string {
  return files.map((file) => `${file.oldUri.toString()}\0${file.newUri.toString()}`).join('\0');
}

function movedUri(uri: vscode.Uri, files: RenamedFiles): vscode.Uri {
  const text = uri.toString();
  for (const { oldUri, newUri } of files) {
    const from = oldUri.toString();
    if (text === from) return newUri;
    if (text.startsWith(`${from}/`)) return vscode.Uri.parse(newUri.toString() + text.slice(from.length));
  }
  return uri;
}
