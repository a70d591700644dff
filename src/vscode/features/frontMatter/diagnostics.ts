// Diagnostics from the core's checks: for open entries as you type (debounced), and for every
// entry when `commons.diagnostics.workspace` is on. The knowledge base's own findings (a broken
// commons.yml, a learning path with a gap, a folder that cannot be read) are always shown.
import * as vscode from 'vscode';
import { checkEntry, knowledgeBaseFindings, runChecks } from '../../../core/checks/runChecks';
import { tagPlace } from '../../../core/checks/tagPlaces';
import { oversizedEntry, parseEntryText } from '../../../core/entryParser';
import type { Entry, Finding } from '../../../core/model';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';

const DEBOUNCE_MS = 250;
const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The entry as currently typed in an editor, parsed with its knowledge base's settings. */
export function liveEntry(session: KbSession, document: vscode.TextDocument): Entry | undefined {
  const path = session.kbPathOf(document.uri);
  if (!path) return undefined;
  const text = document.getText();
  // Over the size cap, the document is what the index has: a skipped file, with one finding that says so.
  const size = Buffer.byteLength(text, 'utf8');
  if (size > session.kb.config.maxFileBytes) return oversizedEntry(path, { size, mtimeMs: 0 }, session.kb.config.maxFileBytes);
  return parseEntryText(path, text, { size: 0, mtimeMs: 0 }, session.kb.parseContext);
}

/** Findings of an open document, as typed. */
export function documentFindings(service: KnowledgeBaseService, document: vscode.TextDocument): { session: KbSession; entry: Entry; findings: Finding[] } | undefined {
  const session = service.sessionFor(document.uri);
  const entry = session && liveEntry(session, document);
  if (!session || !entry) return undefined;
  return { session, entry, findings: checkEntry(session.kb, entry).filter((f) => f.file === entry.path) };
}

export function toDiagnostic(finding: Finding, text: string, frontMatterEnd: number): vscode.Diagnostic {
  let range = new vscode.Range(finding.line - 1, finding.column - 1, finding.line - 1, Number.MAX_SAFE_INTEGER);
  const at = tagPlace(finding, text, frontMatterEnd);
  if (at) range = new vscode.Range(at.line, at.start, at.line, at.end);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'commons';
  diagnostic.code = finding.rule;
  return diagnostic;
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('commons');
  const wholeBase = vscode.languages.createDiagnosticCollection('commons-knowledge-base');
  const timers = new Map<string, NodeJS.Timeout>();
  const workspaceWide = () => vscode.workspace.getConfiguration('commons').get<boolean>('diagnostics.workspace', false);

  const refreshDocument = (document: vscode.TextDocument) => {
    if (document.languageId !== 'markdown' || document.uri.scheme !== 'file') return;
    const result = documentFindings(service, document);
    if (!result) return;
    const text = document.getText();
    collection.set(document.uri, result.findings.map((f) => toDiagnostic(f, text, result.entry.frontMatter.endLine)));
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      // Closed meanwhile (say with Don't Save, which reverts the text first): its problems went with it.
      if (!document.isClosed) refreshDocument(document);
    }, DEBOUNCE_MS));
  };
  /** Findings by file, set on a collection (which is cleared first). */
  const publish = (target: vscode.DiagnosticCollection, findingsOf: (session: KbSession) => Finding[]) => {
    target.clear();
    for (const session of service.sessions) {
      const byFile = new Map<string, Finding[]>();
      for (const finding of findingsOf(session)) {
        const list = byFile.get(finding.file) ?? [];
        list.push(finding);
        byFile.set(finding.file, list);
      }
      for (const [file, findings] of byFile) target.set(vscode.Uri.file(session.kb.absolutePath(file)), findings.map((f) => toDiagnostic(f, '', f.line)));
    }
  };
  const refreshAll = () => {
    publish(wholeBase, (session) => knowledgeBaseFindings(session.kb));
    if (workspaceWide()) publish(collection, (session) => runChecks(session.kb, { includeConfig: false }));
    for (const document of vscode.workspace.textDocuments) if (workspaceWide() || isInATab(document.uri)) refreshDocument(document);
  };

  return vscode.Disposable.from(
    collection,
    wholeBase,
    vscode.workspace.onDidOpenTextDocument(refreshDocument),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      if (!workspaceWide()) collection.delete(document.uri);
    }),
    // VS Code keeps a document loaded a while after its last tab closes (and tells of it late):
    // its problems go with the tab.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      if (workspaceWide()) return;
      for (const tab of event.closed) {
        const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
        if (!uri || isInATab(uri)) continue;
        clearTimeout(timers.get(uri.toString()));
        timers.delete(uri.toString());
        collection.delete(uri);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('commons.diagnostics')) {
        collection.clear();
        refreshAll();
      }
    }),
    service.onDidChange(refreshAll),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
}

/** Whether a file is open in an editor tab, a diff's included (VS Code keeps documents loaded after their tabs close). */
function isInATab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  const shows = (tab: vscode.Tab) =>
    (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key) ||
    (tab.input instanceof vscode.TabInputTextDiff && (tab.input.modified.toString() === key || tab.input.original.toString() === key));
  return vscode.window.tabGroups.all.some((group) => group.tabs.some(shows));
}
