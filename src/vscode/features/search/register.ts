// commons.search: one quick pick over titles, tags, summaries and headings. The core's SearchIndex
// ranks; the quick pick only shows (alwaysShow keeps VS Code's own filter from hiding tag matches).
import * as vscode from 'vscode';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { typeIcon } from '../../platform/entryItems';

interface ResultItem extends vscode.QuickPickItem {
  /** Absent on the line that says nothing matched. */
  session?: KbSession;
  path?: string;
}

const LIMIT = 200;

export function search(service: KnowledgeBaseService, query: string): ResultItem[] {
  const results: Array<ResultItem & { score: number }> = [];
  for (const session of service.sessions) {
    const { kb } = session;
    for (const hit of session.search.search(query, LIMIT, (tag) => kb.vocabulary.resolve(tag), (tag) => kb.index.tagCount(tag) > 0)) {
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

/** The results, or one line that says nothing matched (an empty list looks like a search still running). */
function resultsOrNone(service: KnowledgeBaseService, query: string): ResultItem[] {
  const results = search(service, query);
  if (results.length || !query.trim()) return results;
  return [{ label: `$(info) No entry matches "${query.trim()}"`, detail: 'Try fewer words, or #tag for a tag and the tags below it', alwaysShow: true }];
}

export function register(service: KnowledgeBaseService): vscode.Disposable {
  return vscode.commands.registerCommand('commons.search', (initialQuery?: string) => {
    const pick = vscode.window.createQuickPick<ResultItem>();
    pick.title = 'Search the knowledge base';
    pick.placeholder = 'Words in titles, tags, summaries and headings; #tag to filter by tag';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const update = () => {
      pick.items = resultsOrNone(service, pick.value);
    };
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      pick.hide();
      if (chosen?.session && chosen.path) void vscode.window.showTextDocument(chosen.session.uriOf(chosen.path));
    });
    pick.onDidHide(() => pick.dispose());
    if (typeof initialQuery === 'string') pick.value = initialQuery;
    update();
    pick.show();
  });
}
