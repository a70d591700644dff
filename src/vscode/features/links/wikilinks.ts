// Wikilinks as links the editor follows: Ctrl+click (document links) and Go to Definition or Peek
// (F12, Alt+F12), which VS Code's Markdown support offers only for Markdown links. Each `[[name]]`
// of an entry leads to the entry it resolves to, as the Links view, backlinks and the broken-link
// check resolve it, and to its heading when it names one.
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from '../../platform/kbService';
import { findHeading } from '../../../core/headingAnchors';
import { liveEntry } from '../frontMatter/diagnostics';

interface Wikilink {
  /** The whole `[[...]]` in the document. */
  range: vscode.Range;
  uri: vscode.Uri;
  /** The line of the heading it names (0-based), else undefined. */
  headingLine?: number;
  title: string;
}

/** The wikilinks of a document that lead to an entry. */
function wikilinks(service: KnowledgeBaseService, document: vscode.TextDocument): Wikilink[] {
  const session = service.sessionFor(document.uri);
  const entry = session && liveEntry(session, document);
  if (!session || !entry) return [];
  const found: Wikilink[] = [];
  for (const link of entry.links) {
    if (link.kind !== 'wiki') continue;
    const [target] = session.kb.index.resolve(link);
    if (!target) continue;
    const line = document.lineAt(link.line - 1).text;
    const start = link.column - 1;
    const end = line.indexOf(']]', start);
    if (end < 0) continue;
    const targetEntry = session.kb.index.get(target);
    const named = session.kb.index.linkHeading(link);
    const heading = named !== undefined && targetEntry ? findHeading(targetEntry.headings, named) : undefined;
    found.push({
      range: new vscode.Range(link.line - 1, start, link.line - 1, end + 2),
      uri: session.uriOf(target),
      headingLine: heading ? heading.line - 1 : undefined,
      title: targetEntry?.title ?? target,
    });
  }
  return found;
}

export function registerWikilinks(service: KnowledgeBaseService): vscode.Disposable {
  const selector = { language: 'markdown', scheme: 'file' };
  return vscode.Disposable.from(
    vscode.languages.registerDocumentLinkProvider(selector, {
      provideDocumentLinks(document) {
        return wikilinks(service, document).map((link) => {
          const documentLink = new vscode.DocumentLink(link.range, link.headingLine === undefined ? link.uri : link.uri.with({ fragment: `L${link.headingLine + 1}` }));
          documentLink.tooltip = `Open ${link.title}`;
          return documentLink;
        });
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(document, position) {
        const link = wikilinks(service, document).find((one) => one.range.contains(position));
        if (!link) return undefined;
        const at = new vscode.Position(link.headingLine ?? 0, 0);
        return [{ originSelectionRange: link.range, targetUri: link.uri, targetRange: new vscode.Range(at, at) }];
      },
    }),
  );
}
