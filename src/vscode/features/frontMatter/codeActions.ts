// Quick fixes for the findings of an open entry. Each fix is computed on the document's current
// text with the core's format-preserving editor and applied as a WorkspaceEdit (one undo).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE, configText } from '../../../core/config';
import { addVocabularyTag } from '../../../core/edit/configEdit';
import { editText, type TextOperation } from '../../../core/edit/tagOperations';
import type { Entry, Finding } from '../../../core/model';
import { entryName } from '../../../core/paths';
import { suggestTags } from '../../../core/suggestions';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { documentFindings } from './diagnostics';

const LIST_FIELDS = new Set(['tags', 'authors']);

function editAction(title: string, document: vscode.TextDocument, operation: TextOperation, diagnostic: vscode.Diagnostic, preferred = false): vscode.CodeAction | undefined {
  const result = editText(document.getText(), operation);
  if (!result.ok || !result.edits.length) return undefined;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of result.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  return action;
}

function fixesFor(session: KbSession, document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const tagsKey = session.kb.config.fields.tags ?? 'tags';
  const actions: Array<vscode.CodeAction | undefined> = [];
  const subject = finding.subject;
  switch (finding.rule) {
    case 'tag-alias':
    case 'unknown-tag':
      for (const [i, suggestion] of (finding.fix?.suggestions ?? []).entries()) {
        actions.push(editAction(`Replace "${subject}" with "${suggestion}"`, document, (e) => e.renameInList(tagsKey, subject!, suggestion), diagnostic, i === 0));
      }
      if (finding.rule === 'unknown-tag' && subject) {
        const action = new vscode.CodeAction(`Add "${subject}" to the vocabulary in ${CONFIG_FILE}`, vscode.CodeActionKind.QuickFix);
        action.command = { command: 'commons.addToVocabulary', title: action.title, arguments: [session.kb.root, subject] };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      break;
    case 'required-field':
      if (subject) {
        const key = session.kb.config.fields[subject] ?? subject;
        actions.push(editAction(`Add "${key}"`, document, (e) => e.addEmptyField(key, LIST_FIELDS.has(subject)), diagnostic, true));
      }
      break;
    case 'broken-link': {
      const action = new vscode.CodeAction('Choose the entry this link should lead to…', vscode.CodeActionKind.QuickFix);
      action.command = { command: 'commons.fixBrokenLink', title: action.title, arguments: [document.uri, diagnostic.range.start.line, subject] };
      action.diagnostics = [diagnostic];
      actions.push(action);
      break;
    }
    case 'link-case':
    case 'link-backslash': {
      const target = finding.fix?.suggestions?.[0];
      if (target && subject) {
        const relative = path.relative(path.dirname(document.uri.fsPath), session.kb.absolutePath(target)).split(path.sep).join('/');
        const line = document.lineAt(diagnostic.range.start.line);
        // The destination, after the link's `](` (its text may spell the same path).
        const destination = line.text.indexOf('](', diagnostic.range.start.character);
        const at = line.text.indexOf(subject, destination >= 0 ? destination : diagnostic.range.start.character);
        if (at >= 0) {
          const action = new vscode.CodeAction(`Use ${relative}`, vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, new vscode.Range(line.lineNumber, at, line.lineNumber, at + subject.length), relative);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          actions.push(action);
        }
      }
      break;
    }
    case 'duplicate-title':
      for (const other of finding.fix?.suggestions ?? []) {
        const action = new vscode.CodeAction(`Open ${other}`, vscode.CodeActionKind.QuickFix);
        action.command = { command: 'vscode.open', title: action.title, arguments: [session.uriOf(other)] };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      break;
  }
  return actions.filter((a): a is vscode.CodeAction => !!a);
}

/** "Add suggested tags", offered anywhere in the front matter, with the reasons in the title's tooltip. */
function suggestedTagsAction(session: KbSession, document: vscode.TextDocument, entry: Entry): vscode.CodeAction | undefined {
  const { kb } = session;
  const suggestions = suggestTags({ entry, body: document.getText(), index: kb.index, vocabulary: kb.vocabulary, similarity: session.similarity, knownTags: kb.index.tagCounts().keys() }, 3);
  if (!suggestions.length) return undefined;
  const tags = suggestions.map((s) => s.tag);
  const key = kb.config.fields.tags ?? 'tags';
  const result = editText(document.getText(), (editor) => editor.addToList(key, tags));
  if (!result.ok || !result.edits.length) return undefined;
  const action = new vscode.CodeAction(`Add suggested tags: ${tags.join(', ')}`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of result.edits) action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  return action;
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, range, context) {
      const result = documentFindings(service, document);
      if (!result) return [];
      const commons = context.diagnostics.filter((d) => d.source === 'commons');
      const fixes = commons.flatMap((diagnostic) => {
        const finding = result.findings.find((f) => f.rule === diagnostic.code && f.message === diagnostic.message && f.line - 1 === diagnostic.range.start.line);
        return finding ? fixesFor(result.session, document, finding, diagnostic) : [];
      });
      const { frontMatter } = result.entry;
      const inFrontMatter = frontMatter.present && range.start.line + 1 > frontMatter.startLine && range.start.line + 1 < frontMatter.endLine;
      const suggested = inFrontMatter ? suggestedTagsAction(result.session, document, result.entry) : undefined;
      return suggested ? [...fixes, suggested] : fixes;
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown', scheme: 'file' }, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('commons.addToVocabulary', (root: string, tag: string) => addToVocabulary(root, tag)),
    vscode.commands.registerCommand('commons.fixBrokenLink', (uri: vscode.Uri, line: number, target: string) => fixBrokenLink(service, uri, line, target)),
  );
}

async function addToVocabulary(root: string, tag: string): Promise<void> {
  const uri = vscode.Uri.file(path.join(root, CONFIG_FILE));
  let document: vscode.TextDocument | undefined = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) {
    // A file that is not UTF-8 would be saved back with what it cannot read replaced.
    const problem = await vscode.workspace.fs.readFile(uri).then((bytes) => configText(bytes).problem, () => undefined);
    if (problem) {
      void vscode.window.showWarningMessage(`Commons could not add "${tag}": ${problem.message}.`);
      return;
    }
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      document = undefined;
    }
  }
  const text = document?.getText() ?? '';
  const result = addVocabularyTag(text, tag);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Commons could not add "${tag}": ${result.reason}.`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  if (!document) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), result.edits.map((e) => e.text).join(''));
  } else {
    for (const change of result.edits) edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
  }
  const wasDirty = document?.isDirty ?? false;
  if ((await vscode.workspace.applyEdit(edit)) && !wasDirty) await (await vscode.workspace.openTextDocument(uri)).save();
}

async function fixBrokenLink(service: KnowledgeBaseService, uri: vscode.Uri, line: number, target: string): Promise<void> {
  const session = service.sessionFor(uri);
  if (!session) return;
  const document = await vscode.workspace.openTextDocument(uri);
  const lineText = document.lineAt(line).text;
  const at = lineText.indexOf(target);
  if (at < 0) return;
  const isWiki = lineText.slice(Math.max(0, at - 2), at) === '[[';
  const name = path.basename(target).replace(/\.(md|markdown)$/i, '').toLowerCase();
  // Likeliest first: the same name, then names sharing the longest start with it (a typo at the
  // end), then titles that contain it.
  const closeness = (entry: Entry) => {
    const own = entryName(entry.path).toLowerCase();
    if (own === name) return 10_000;
    return commonStart(own, name) * 10 + (entry.title.toLowerCase().includes(name) || own.includes(name) ? 5 : 0);
  };
  const picks = [...session.kb.index.all()]
    .filter((e) => !e.skipped)
    .map((e) => ({ label: e.title, description: e.path, path: e.path, score: closeness(e) }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
  const chosen = await vscode.window.showQuickPick(picks, { title: `Where should ${target} lead?`, matchOnDescription: true });
  if (!chosen) return;
  const replacement = isWiki ? session.kb.index.wikiNameFor(chosen.path, true) ?? chosen.path : path.relative(path.dirname(uri.fsPath), session.kb.absolutePath(chosen.path)).split(path.sep).join('/');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(line, at, line, at + target.length), replacement);
  await vscode.workspace.applyEdit(edit);
}

function commonStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

