// commons.search: one quick pick over titles, tags, summaries and headings. The core's SearchIndex
// ranks; the quick pick only shows (alwaysShow keeps VS Code's own filter from hiding tag matches).
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { typeIcon } from '../../platform/entryItems';

interface ResultItem extends vscode.QuickPickItem {
  session: KbSession;
  path: string;
}

const LIMIT = 200;

export function search(service: KnowledgeBaseService, query: string): ResultItem[] {
  const results: Array<ResultItem & { score: number }> = [];
  for (const session of service.sessions) {
    for (const hit of session.search.search(query, LIMIT)) {
      const entry = session.kb.index.get(hit.path);
      if (!entry) continue;
      results.push({
        session,
        path: hit.path,
        score: hit.score,
        label: `$(${typeIcon(entry.type).id}) ${entry.title}`,
        description: entry.tags.map((t) => `#${t}`).join(' '),
        detail: [entry.summary, hit.path].filter(Boolean).join(' · '),
        alwaysShow: true,
      });
    }
  }
  return results.sort((a, b) => b.score - a.score).slice(0, LIMIT);
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.commands.registerCommand('commons.search', (initialQuery?: string) => {
    const pick = vscode.window.createQuickPick<ResultItem>();
    pick.title = 'Search the knowledge base';
    pick.placeholder = 'Words in titles, tags, summaries and headings; #tag to filter by tag';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const update = () => {
      pick.items = search(service, pick.value);
    };
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      pick.hide();
      if (chosen) void vscode.window.showTextDocument(chosen.session.uriOf(chosen.path));
    });
    pick.onDidHide(() => pick.dispose());
    if (typeof initialQuery === 'string') pick.value = initialQuery;
    update();
    pick.show();
  });
}
