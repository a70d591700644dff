// Hovers: on a tag, its description, count and stewards; on a link, the target's title and summary.
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from '../../platform/kbService';
import { escape } from '../../platform/entryItems';
import { liveEntry } from './diagnostics';

export function register(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: 'markdown', scheme: 'file' }, {
    provideHover(document, position) {
      const session = service.sessionFor(document.uri);
      const entry = session && liveEntry(session, document);
      if (!session || !entry) return undefined;
      const { kb } = session;
      const line = position.line + 1;

      if (entry.frontMatter.present && line > entry.frontMatter.startLine && line < entry.frontMatter.endLine) {
        const range = document.getWordRangeAtPosition(position, /[^\s,[\]"'{}:#]+/);
        if (!range) return undefined;
        const word = document.getText(range);
        const tag = entry.writtenTags.includes(word) ? kb.vocabulary.resolve(word) : undefined;
        if (!tag) return undefined;
        const spec = kb.vocabulary.describe(tag);
        const count = kb.index.tagCount(tag);
        const text = new vscode.MarkdownString(`**#${escape(tag)}**${tag !== word ? ` (alias ${escape(word)})` : ''} · ${count} entr${count === 1 ? 'y' : 'ies'}`);
        text.appendMarkdown(spec?.description ? `\n\n${escape(spec.description)}` : kb.vocabulary.isEmpty || kb.vocabulary.isKnown(tag) ? '' : '\n\nNot in the vocabulary of commons.yml.');
        if (spec?.stewards.length) text.appendMarkdown(`\n\nStewards: ${spec.stewards.map(escape).join(', ')}`);
        return new vscode.Hover(text, range);
      }

      const lineText = document.lineAt(position.line).text;
      const link = entry.links.find((l) => {
        if (l.line !== line || position.character < l.column - 1) return false;
        return position.character < linkEnd(lineText, l.column - 1, l.kind === 'wiki');
      });
      if (!link) return undefined;
      const targets = kb.index.resolve(link);
      if (!targets.length) return new vscode.Hover(new vscode.MarkdownString(`No entry found for ${escape(link.target)}`));
      const target = kb.index.get(targets[0])!;
      const text = new vscode.MarkdownString(`**${escape(target.title)}**${target.type ? ` · ${escape(target.type)}` : ''}`);
      if (target.summary) text.appendMarkdown(`\n\n${escape(target.summary)}`);
      text.appendMarkdown(`\n\n${escape(target.path)}${targets.length > 1 ? ` (and ${targets.length - 1} more with that name)` : ''}`);
      return new vscode.Hover(text);
    },
  });
}

/**
 * Where a link written from `start` ends on its line: after the `]]` of a wikilink, after the `)`
 * of a Markdown link (`[text](path)`). The parsed link keeps its target, not the text around it,
 * whose length (a Markdown link's text, a wikilink's bar and heading) the hover must cover too.
 */
function linkEnd(text: string, start: number, wiki: boolean): number {
  if (wiki) {
    const end = text.indexOf(']]', start);
    return end < 0 ? text.length : end + 2;
  }
  const destination = text.indexOf('](', start);
  const end = destination < 0 ? -1 : text.indexOf(')', destination + 2);
  return end < 0 ? text.length : end + 1;
}
