// Rename or merge a tag across a knowledge base, and its declaration in commons.yml. Open
// documents are edited as they are (unsaved text included); other files are read from disk. The
// change is one WorkspaceEdit, confirmed first, undone at once.
import * as vscode from 'vscode';
import { CONFIG_FILE, configText } from '../../../core/config';
import { renameVocabularyTag } from '../../../core/edit/configEdit';
import { plural } from '../../../core/plural';
import { renameProblem, renameSpellings, renameTarget, tagRenames } from '../../../core/edit/tagOperations';
import type { TextEdit } from '../../../core/edit/textEdit';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';

/** Offset -> Position over a text that is not open in an editor. */
function positions(text: string): (offset: number) => vscode.Position {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return new vscode.Position(low, offset - lineStarts[low]);
  };
}

async function chooseSession(service: KnowledgeBaseService): Promise<KbSession | undefined> {
  await service.whenDiscovered();
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active && service.sessionFor(active);
  if (fromEditor || service.sessions.length <= 1) return fromEditor ?? service.sessions[0];
  const pick = await vscode.window.showQuickPick(service.sessions.map((s) => ({ label: s.name, description: s.kb.root, session: s })), { title: 'Which knowledge base?' });
  return pick?.session;
}

export async function renameTag(service: KnowledgeBaseService, from: string | undefined, to: string | undefined, preview: boolean): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Commons does not rename tags in Restricted Mode. Trust this workspace to edit entries.');
    return;
  }
  const session = await chooseSession(service);
  if (!session) return;
  const { kb } = session;
  const counts = new Map<string, number>();
  for (const entry of kb.index.all()) for (const tag of entry.writtenTags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  from ??= (await vscode.window.showQuickPick([...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([tag, n]) => ({ label: tag, description: `${n}` })), { title: 'Rename or merge which tag?' }))?.label;
  if (!from) return;
  to ??= await vscode.window.showInputBox({
    title: `Rename "${from}"`,
    prompt: 'New name; an existing tag merges the two',
    value: from,
    validateInput: (value) => (!value.trim() ? 'A tag needs a name' : value.trim() === from ? undefined : renameProblem(from!, value.trim())),
  });
  if (!to || to.trim() === from) return;
  const problem = renameProblem(from, to.trim());
  if (problem) {
    void vscode.window.showWarningMessage(`Commons did not rename the tag: ${problem}.`);
    return;
  }
  const target = renameTarget(kb, from, to.trim());
  if (target === from) {
    void vscode.window.showWarningMessage(`Commons did not rename the tag: "${to.trim()}" is an alias of "${from}".`);
    return;
  }
  const key = kb.config.fields.tags ?? 'tags';
  const openDocuments = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const edit = new vscode.WorkspaceEdit();
  const refused: string[] = [];
  let files = 0;
  // Every spelling the index counts as the tag (other letter cases, aliases in a merge, child tags), as the CLI renames them.
  const renames = tagRenames(kb, from, target);
  for (const entry of kb.index.all()) {
    if (!entry.writtenTags.some((tag) => renames.has(tag))) continue;
    const uri = session.uriOf(entry.path);
    const document = openDocuments.get(uri.toString());
    const text = document?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const result = renameSpellings(text, key, renames);
    if (!result.ok) {
      refused.push(`${entry.path} (${result.reason})`);
      continue;
    }
    if (!result.edits.length) {
      // The index counts the tag in the file as saved: an edit that does not reach it is said (an
      // open document may simply no longer hold it).
      if (!document?.isDirty) refused.push(`${entry.path} (its tags hold the tag in a form Commons does not edit: edit it by hand)`);
      continue;
    }
    addEdits(edit, uri, document, text, result.edits);
    files++;
  }
  if (refused.length) void vscode.window.showWarningMessage(`${refused.length} entr${refused.length === 1 ? 'y was' : 'ies were'} left unchanged because their front matter cannot be edited safely, or not by Commons: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? '…' : ''}`);
  if (!files) return;
  const vocabulary = await renameInVocabulary(session, from, target, edit);
  if (preview) {
    // VS Code's refactor preview leaves edits that need confirmation unticked, so Apply there would
    // change nothing until each file is ticked: a modal question says what will change instead.
    const merge = counts.has(target);
    const detail = [`${plural(files, 'entry', 'entries')} ${merge ? `will carry #${target} instead` : 'will be edited'}, changing only the tag's text.`];
    if (vocabulary) detail.push(`${CONFIG_FILE} will declare "${target}" in place of "${from}".`);
    detail.push('One undo reverts it all.');
    const action = merge ? 'Merge' : 'Rename';
    const answer = await vscode.window.showInformationMessage(`${action} #${from} ${merge ? 'into' : 'to'} #${target}?`, { modal: true, detail: detail.join(' ') }, action);
    if (answer !== action) return;
  }
  await applyKeepingUnsavedText(edit);
}

/**
 * Applies the edit, then saves the files that had no unsaved changes before: the others keep
 * their unsaved text unsaved (with the rename in it), as any edit of an open document would. Not
 * a refactoring to VS Code, whose files.refactoring.autoSave would save that text too.
 */
async function applyKeepingUnsavedText(edit: vscode.WorkspaceEdit): Promise<void> {
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  if (!(await vscode.workspace.applyEdit(edit))) return;
  // All at once: one after another, a few hundred files took minutes where saving is slow (a remote workspace).
  const toSave = edit
    .entries()
    .filter(([uri]) => !dirtyBefore.has(uri.toString()))
    .map(([uri]) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()))
    .filter((document) => document?.isDirty);
  await Promise.all(toSave.map((document) => document!.save()));
}

/** Adds a file's text edits to a workspace edit, by the positions of its open document when there is one. */
function addEdits(edit: vscode.WorkspaceEdit, uri: vscode.Uri, document: vscode.TextDocument | undefined, text: string, edits: TextEdit[]): void {
  const at = document ? (offset: number) => document.positionAt(offset) : positions(text);
  for (const change of edits) edit.replace(uri, new vscode.Range(at(change.start), at(change.end)), change.text);
}

/** Adds the rename of the tag's declaration in commons.yml, when it has one (see renameVocabularyTag); true when it does. */
async function renameInVocabulary(session: KbSession, from: string, to: string, edit: vscode.WorkspaceEdit): Promise<boolean> {
  const uri = session.uriOf(CONFIG_FILE);
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text = document?.getText();
  if (text === undefined) {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return false;
    }
    // Text that is not UTF-8 would be written back with what it cannot read replaced.
    const read = configText(bytes);
    if (read.problem) {
      void vscode.window.showWarningMessage(`${CONFIG_FILE} was left unchanged: ${read.problem.message}. Rename "${from}" in its vocabulary yourself.`);
      return false;
    }
    text = read.text;
  }
  const result = renameVocabularyTag(text, from, to);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`${CONFIG_FILE} was left unchanged: ${result.reason}. Rename "${from}" in its vocabulary yourself.`);
    return false;
  }
  if (!result.edits.length) return false;
  addEdits(edit, uri, document, text, result.edits);
  return true;
}
