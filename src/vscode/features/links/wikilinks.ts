// Wikilinks as links the editor follows (Ctrl+click, F12 on the text): VS Code's Markdown support
// knows only Markdown links. Each `[[name]]` of an entry leads to the entry it resolves to, as the
// Links view, backlinks and the broken-link check resolve it, and to its heading when it names one.
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from '../../platform/kbService';
import { liveEntry } from '../frontMatter/diagnostics';

export function registerWikilinks(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.languages.registerDocumentLinkProvider({ language: 'markdown', scheme: 'file' }, {
    provideDocumentLinks(document) {
      const session = service.sessionFor(document.uri);
      const entry = session && liveEntry(session, document);
      if (!session || !entry) return [];
      const links: vscode.DocumentLink[] = [];
      for (const link of entry.links) {
        if (link.kind !== 'wiki') continue;
        const [target] = session.kb.index.resolve(link);
        if (!target) continue;
        const line = document.lineAt(link.line - 1).text;
        const start = link.column - 1;
        const end = line.indexOf(']]', start);
        if (end < 0) continue;
        const heading = link.heading && session.kb.index.get(target)?.headings.find((h) => h.text.toLowerCase() === link.heading!.toLowerCase());
        const uri = session.uriOf(target);
        const documentLink = new vscode.DocumentLink(new vscode.Range(link.line - 1, start, link.line - 1, end + 2), heading ? uri.with({ fragment: `L${heading.line}` }) : uri);
        documentLink.tooltip = `Open ${session.kb.index.get(target)?.title ?? target}`;
        links.push(documentLink);
      }
      return links;
    },
  });
}
