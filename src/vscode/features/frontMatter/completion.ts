// Completion in entries: field names, tags (vocabulary and tags in use, aliases resolved), types,
// statuses and people in front matter; entry titles inside `[[`; relative paths inside `](`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FIELD_NAMES } from '../../../core/config';
import { formatScalar } from '../../../core/edit/frontMatterEdit';
import { cursorContext } from '../../../core/editorContext';
import { summarizePeople } from '../../../core/expertise';
import { suggestTags } from '../../../core/suggestions';
import type { Entry } from '../../../core/model';
import { entryName } from '../../../core/paths';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { liveEntry } from './diagnostics';

const MAX_ENTRY_ITEMS = 200;

/** Our field name for a key as written (reverse of `fields:` in commons.yml). */
function ourField(session: KbSession, written: string): string {
  const mapped = Object.entries(session.kb.config.fields).find(([, theirs]) => theirs === written);
  return mapped ? mapped[0] : written;
}

function tagItems(session: KbSession, range: vscode.Range, entry: Entry | undefined, body: string): vscode.CompletionItem[] {
  const { kb } = session;
  const present = new Set(entry?.tags ?? []);
  const counts = kb.index.tagCounts();
  const names = new Set([...Object.keys(kb.config.tags), ...counts.keys()]);
  const items: vscode.CompletionItem[] = [];
  // Suggested tags come first, each saying why it is suggested.
  const suggested = entry ? suggestTags({ entry, body, index: kb.index, vocabulary: kb.vocabulary, similarity: session.similarity, knownTags: counts.keys() }) : [];
  for (const [i, suggestion] of suggested.entries()) {
    const item = new vscode.CompletionItem({ label: suggestion.tag, description: 'suggested' }, vscode.CompletionItemKind.Event);
    item.insertText = formatScalar(suggestion.tag, 'PLAIN');
    item.range = range;
    item.filterText = suggestion.tag;
    item.detail = suggestion.reasons.join('; ');
    item.sortText = `!${i}`;
    items.push(item);
    present.add(suggestion.tag);
  }
  for (const tag of names) {
    if (present.has(tag)) continue;
    const spec = kb.vocabulary.describe(tag);
    const count = counts.get(tag) ?? 0;
    const item = new vscode.CompletionItem({ label: tag, description: `${count} entr${count === 1 ? 'y' : 'ies'}` }, vscode.CompletionItemKind.EnumMember);
    item.insertText = formatScalar(tag, 'PLAIN');
    item.range = range;
    item.filterText = tag;
    item.detail = spec ? 'in the vocabulary' : 'in use, not in the vocabulary';
    if (spec?.description) item.documentation = new vscode.MarkdownString(spec.description);
    // Vocabulary tags first, then by use.
    item.sortText = `${spec ? 0 : 1}${String(1e6 - count).padStart(7, '0')}${tag}`;
    items.push(item);
    for (const alias of spec?.aliases ?? []) {
      const aliasItem = new vscode.CompletionItem({ label: alias, description: `→ ${tag}` }, vscode.CompletionItemKind.Reference);
      aliasItem.insertText = formatScalar(tag, 'PLAIN');
      aliasItem.filterText = alias;
      aliasItem.range = range;
      aliasItem.detail = `alias of ${tag}`;
      aliasItem.sortText = `2${alias}`;
      items.push(aliasItem);
    }
  }
  return items;
}

function valueItems(session: KbSession, document: vscode.TextDocument, field: string, range: vscode.Range): vscode.CompletionItem[] {
  const { kb } = session;
  const entry = liveEntry(session, document);
  const simple = (values: string[], kind: vscode.CompletionItemKind, detail?: (v: string) => string | undefined) =>
    values.map((value, i) => {
      const item = new vscode.CompletionItem(value, kind);
      item.insertText = formatScalar(value, 'PLAIN');
      item.range = range;
      item.detail = detail?.(value);
      item.sortText = String(i).padStart(5, '0');
      return item;
    });
  switch (ourField(session, field)) {
    case 'tags':
      return tagItems(session, range, entry, document.getText());
    case 'type':
      return simple(Object.keys(kb.config.types), vscode.CompletionItemKind.Class, (t) => `requires ${kb.config.types[t].required.join(', ')}`);
    case 'status': {
      const statuses = entry?.type ? kb.config.types[entry.type]?.statuses : undefined;
      return simple(statuses ?? [...new Set(Object.values(kb.config.types).flatMap((t) => t.statuses ?? []))], vscode.CompletionItemKind.EnumMember);
    }
    case 'authors':
    case 'owner': {
      const people = summarizePeople(kb.index, session.history.available ? session.history : undefined, Date.now());
      return simple(people.map((p) => p.person.email ?? p.person.name), vscode.CompletionItemKind.User, (v) => people.find((p) => (p.person.email ?? p.person.name) === v)?.person.name);
    }
    case 'answers':
      return simple([...kb.index.withType('question')].sort(), vscode.CompletionItemKind.File, (p) => kb.index.get(p)?.title);
    default:
      return [];
  }
}

function fieldNameItems(session: KbSession, document: vscode.TextDocument, range: vscode.Range): vscode.CompletionItem[] {
  const entry = liveEntry(session, document);
  const required = new Set(entry?.type ? session.kb.config.types[entry.type]?.required ?? [] : []);
  const present = new Set(Object.keys(entry?.frontMatter.fieldLines ?? {}));
  return FIELD_NAMES.map((name) => session.kb.config.fields[name] ?? name)
    .filter((name) => !present.has(name))
    .map((name) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Property);
      item.insertText = `${name}: `;
      item.range = range;
      item.detail = required.has(ourField(session, name)) ? `required for a ${entry?.type}` : undefined;
      item.sortText = `${required.has(ourField(session, name)) ? 0 : 1}${name}`;
      item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
      return item;
    });
}

function entryItems(session: KbSession, document: vscode.TextDocument, prefix: string, range: vscode.Range, asPath: boolean): vscode.CompletionItem[] {
  const needle = prefix.toLowerCase().replace(/^(\.\.?\/)+/, '');
  const fromDir = path.dirname(document.uri.fsPath);
  const { index } = session.kb;
  const items: vscode.CompletionItem[] = [];
  for (const entry of index.all()) {
    if (entry.skipped) continue;
    let item: vscode.CompletionItem;
    if (asPath) {
      const relative = path.relative(fromDir, session.kb.absolutePath(entry.path)).split(path.sep).join('/');
      if (needle && !relative.toLowerCase().includes(needle)) continue;
      item = new vscode.CompletionItem({ label: relative, description: entry.title }, vscode.CompletionItemKind.File);
      item.insertText = relative;
      item.filterText = relative;
    } else {
      // Found by its title or by its file name (Dendron's notes are linked by theirs), and written
      // with a name that leads to it alone: a title other entries share would not.
      const fileName = entryName(entry.path);
      const byTitle = !needle || entry.title.toLowerCase().includes(needle);
      if (!byTitle && !fileName.toLowerCase().includes(needle)) continue;
      item = new vscode.CompletionItem({ label: entry.title, description: entry.path }, vscode.CompletionItemKind.File);
      item.insertText = index.wikiNameFor(entry.path) ?? entry.title;
      item.filterText = byTitle ? entry.title : fileName;
    }
    item.range = range;
    items.push(item);
    if (items.length >= MAX_ENTRY_ITEMS) break;
  }
  return items;
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      const session = service.sessionFor(document.uri);
      if (!session || !session.kbPathOf(document.uri)) return undefined;
      const text = document.getText();
      const offset = document.offsetAt(position);
      const context = cursorContext(text, offset);
      switch (context.kind) {
        case 'fieldName':
          return fieldNameItems(session, document, new vscode.Range(document.positionAt(offset - context.prefix.length), position));
        case 'fieldValue':
          return valueItems(session, document, context.field, new vscode.Range(document.positionAt(context.prefixStart), position));
        case 'wikilink':
        case 'linkPath': {
          const range = new vscode.Range(document.positionAt(context.prefixStart), position);
          // The list is capped, so VS Code must ask again as the user narrows it down.
          return new vscode.CompletionList(entryItems(session, document, context.prefix, range, context.kind === 'linkPath'), true);
        }
        default:
          return undefined;
      }
    },
  };
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown', scheme: 'file' }, provider, ':', ' ', '[', '(', '/', '-', ',');
}
