// New entries from the editor: pick a type, type a title (similar entries and open questions are
// listed while typing, so an existing one can be improved instead), pick tags, and the entry is
// created from the knowledge base's template (or a built-in one) and opened at its first prompt.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isoDay } from '../../../core/freshness';
import { permalink } from '../../../core/git/contribution';
import { builtInTemplate, candidatePaths, fenceLanguage, folderForType, promptPositions, renderTemplate } from '../../../core/newEntry';
import { parseEntryText } from '../../../core/entryParser';
import { lineEndingOf } from '../../../core/edit/textEdit';
import { similarToTitle } from '../../../core/search';
import { suggestTags, type TagSuggestion } from '../../../core/suggestions';
import { NodeGitRunner } from '../../../node/nodeGitRunner';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { typeIcon } from '../../platform/entryItems';
import { refuseWhenUntrusted } from '../tagCommands/register';
import { pickTags } from '../../platform/tagPicker';

const git = new NodeGitRunner();

interface TitleItem extends vscode.QuickPickItem {
  existing?: string;
}

async function chooseSession(service: KnowledgeBaseService): Promise<KbSession | undefined> {
  await service.whenDiscovered();
  const active = vscode.window.activeTextEditor?.document.uri;
  const session = (active && service.sessionFor(active)) ?? (service.sessions.length === 1 ? service.sessions[0] : undefined);
  if (session) return session;
  if (!service.sessions.length) {
    void vscode.window.showInformationMessage('Open a folder with a knowledge base first (or run "Commons: Set Up a Knowledge Base Here").');
    return undefined;
  }
  return (await vscode.window.showQuickPick(service.sessions.map((s) => ({ label: s.name, description: s.kb.root, session: s })), { title: 'New entry in which knowledge base?' }))?.session;
}

/** Asks for a title while showing similar entries; resolves to a title, or undefined when the user opened an existing entry. */
function askTitle(session: KbSession, type: string, initial = ''): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<TitleItem>();
  pick.title = `New ${type}: title`;
  pick.placeholder = 'A title that says what the reader gets';
  pick.value = initial;
  const update = () => {
    const title = pick.value.trim();
    const create: TitleItem[] = title ? [{ label: `$(new-file) Create "${title}"`, alwaysShow: true }] : [];
    const similar = title.length >= 3
      ? similarToTitle(session.search, title, 8).map((hit): TitleItem => {
          const entry = session.kb.index.get(hit.path)!;
          return { label: `$(${typeIcon(entry.type).id}) ${entry.title}`, description: entry.type === 'question' && entry.status !== 'answered' ? 'open question: answer it instead?' : 'similar entry: improve it instead?', detail: hit.path, existing: hit.path, alwaysShow: true };
        })
      : [];
    pick.items = [...create, ...(similar.length ? [{ label: 'Similar entries', kind: vscode.QuickPickItemKind.Separator } as TitleItem] : []), ...similar];
  };
  pick.onDidChangeValue(update);
  update();
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen?.existing) void vscode.window.showTextDocument(session.uriOf(chosen.existing));
      resolve(chosen?.existing ? undefined : pick.value.trim() || undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

async function gitAuthor(session: KbSession): Promise<string | undefined> {
  const [name, email] = [await session.gitConfig('user.name'), await session.gitConfig('user.email')];
  return name && email ? `${name} <${email}>` : name || email || undefined;
}

/** Tags suggested for an entry that has only its title so far: tags it mentions, tags of entries like it. */
function suggestedForTitle(session: KbSession, title: string): TagSuggestion[] {
  const { kb } = session;
  const draft = parseEntryText('new.md', `---\ntitle: ${JSON.stringify(title)}\n---\n`, { size: 0, mtimeMs: 0 }, kb.parseContext);
  return suggestTags({ entry: draft, index: kb.index, vocabulary: kb.vocabulary, similarity: session.similarity, knownTags: kb.index.tagCounts().keys() }, 5);
}

/** The type's template and what to call it in a message. */
async function readTemplate(session: KbSession, type: string): Promise<{ text: string; name: string }> {
  const configured = session.kb.config.types[type]?.template ?? `.commons/templates/${type}.md`;
  const file = path.resolve(session.kb.root, configured);
  const builtIn = { text: builtInTemplate(type, session.kb.config.fields), name: `the built-in ${type} template` };
  if (!file.startsWith(session.kb.root + path.sep)) return builtIn;
  try {
    return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file))), name: `the template ${configured}` };
  } catch {
    return builtIn;
  }
}

/**
 * A web link to the selected lines at the current commit, when the file is committed unchanged in
 * a repository whose remote is a known host; otherwise undefined (the path and lines are given).
 */
async function sourcePermalink(uri: vscode.Uri, start: number, end: number): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted || uri.scheme !== 'file') return undefined;
  const cwd = path.dirname(uri.fsPath);
  try {
    const top = (await git.run(['rev-parse', '--show-toplevel'], cwd)).trim();
    const file = path.relative(top, uri.fsPath).split(path.sep).join('/');
    const changed = (await git.run(['status', '--porcelain', '--', file], top)).trim();
    if (changed) return undefined; // Lines of an uncommitted file would point at the wrong text.
    const commit = (await git.run(['rev-parse', 'HEAD'], top)).trim();
    const remotes = (await git.run(['remote'], top)).split('\n').filter(Boolean);
    const remote = remotes.includes('origin') ? 'origin' : remotes[0];
    if (!remote) return undefined;
    return permalink((await git.run(['remote', 'get-url', '--', remote], top)).trim(), commit, file, start, end);
  } catch {
    return undefined;
  }
}

export interface NewEntryOptions {
  type?: string;
  title?: string;
  tags?: string[];
  /** Extra Markdown appended to the body (for entries made from a code selection). */
  body?: string;
  /** Extra front-matter lines, e.g. `answers: docs/questions/x.md`. */
  fields?: Record<string, string>;
}

/** Creates an entry and opens it. Returns its KB-relative path. */
export async function createEntry(service: KnowledgeBaseService, options: NewEntryOptions = {}): Promise<string | undefined> {
  if (refuseWhenUntrusted('create entries')) return undefined;
  const session = await chooseSession(service);
  if (!session) return undefined;
  const { kb } = session;
  const type = options.type ?? (await vscode.window.showQuickPick(Object.keys(kb.config.types).map((t) => ({ label: t, description: `needs ${kb.config.types[t].required.join(', ')}` })), { title: 'New entry: type' }))?.label;
  if (!type) return undefined;
  const title = options.title ?? (await askTitle(session, type));
  if (!title) return undefined;
  const tags = options.tags ?? (await pickTags(session, `Tags for "${title}"`, true, undefined, suggestedForTitle(session, title))) ?? [];
  const template = await readTemplate(session, type);
  const rendered = renderTemplate(template.text, { type, title, tags, author: await gitAuthor(session), date: isoDay(Date.now()), fields: options.fields }, kb.config.fields.tags ?? 'tags');
  if (!rendered.ok) {
    void vscode.window.showErrorMessage(`No entry was created: filled in for "${title}", ${template.name} gives an entry Commons cannot read or tag (${rendered.reason}).`);
    return undefined;
  }
  let text = rendered.text;
  const eol = lineEndingOf(text);
  if (options.body) text = `${text.replace(/\s*$/, '')}${eol}${eol}${options.body}${eol}`;
  for (const candidate of candidatePaths(folderForType(kb.config, type, kb.index), title)) {
    const uri = session.uriOf(candidate);
    try {
      await vscode.workspace.fs.stat(uri);
      continue; // Never overwrite: try the next name.
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    }
    const editor = await vscode.window.showTextDocument(uri);
    await addPromptTabStops(editor, text);
    return candidate;
  }
  return undefined;
}

/**
 * Turns the template's unanswered prompts into tab stops: the same text, with the cursor on the
 * first prompt and Tab moving to the next. The file on disk already holds the text, so nothing is
 * lost if the editor closes.
 */
async function addPromptTabStops(editor: vscode.TextEditor, text: string): Promise<void> {
  const positions = promptPositions(text);
  if (!positions.length) return;
  const snippet = new vscode.SnippetString();
  let from = 0;
  positions.forEach((at, i) => {
    snippet.appendText(text.slice(from, at));
    snippet.appendTabstop(i + 1);
    from = at;
  });
  snippet.appendText(text.slice(from));
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  if (await editor.insertSnippet(snippet, whole)) await document.save();
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('commons.newEntry', (options?: NewEntryOptions) => createEntry(service, options ?? {})),
    vscode.commands.registerCommand('commons.askQuestion', (options?: NewEntryOptions) => createEntry(service, { ...options, type: 'question' })),
    // From the Questions view (the node of an open question) or with a question's KB-relative path.
    vscode.commands.registerCommand('commons.answerQuestion', async (target?: { item(): vscode.TreeItem } | string, options?: NewEntryOptions) => {
      const uri = typeof target === 'string' ? undefined : target?.item().resourceUri ?? vscode.window.activeTextEditor?.document.uri;
      const session = uri ? service.sessionFor(uri) : service.sessions[0];
      const questionPath = typeof target === 'string' ? target : uri && session?.entryPathOf(uri);
      const question = questionPath ? session?.kb.index.get(questionPath) : undefined;
      if (!session || !question || question.type !== 'question') {
        void vscode.window.showInformationMessage('Choose an open question (in the Questions view, or open it) to answer it.');
        return undefined;
      }
      return createEntry(service, { type: 'how-to', tags: question.tags, ...options, fields: { answers: question.path, ...options?.fields } });
    }),
    vscode.commands.registerCommand('commons.newEntryFromSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selection.isEmpty) {
        void vscode.window.showInformationMessage('Select the code to share first.');
        return undefined;
      }
      const document = editor.document;
      const code = document.getText(editor.selection);
      // A fence longer than any run of backticks in the code, so the code cannot close it.
      const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(Math.max(3, longestRun + 1));
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      const source = folder ? path.relative(folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/') : path.basename(document.uri.fsPath);
      // A selection that ends at the start of a line (Shift+Down) holds none of that line.
      const { start: from, end: to } = editor.selection;
      const [start, end] = [from.line + 1, to.character === 0 && to.line > from.line ? to.line : to.line + 1];
      const link = await sourcePermalink(document.uri, start, end);
      const where = link ? `[\`${source}\` lines ${start}-${end}](${link})` : `\`${source}\` (lines ${start}-${end})`;
      const body = `## Source\n\nFrom ${where}:\n\n${fence}${fenceLanguage(document.languageId)}\n${code.replace(/\s+$/, '')}\n${fence}`;
      const type = (await vscode.window.showQuickPick(['how-to', 'lesson'], { title: 'Share this code as a…' })) ?? undefined;
      if (!type) return undefined;
      return createEntry(service, { type, body });
    }),
  );
}
