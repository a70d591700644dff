// A multi-select quick pick of tags: the vocabulary and tags in use with counts and descriptions;
// new tags may be typed (and are flagged as new).
import * as vscode from 'vscode';
import type { KbSession } from './kbSession';

export async function pickTags(session: KbSession, title: string, canAddNew: boolean, only?: string[]): Promise<string[] | undefined> {
  const counts = session.kb.index.tagCounts();
  const names = only ?? [...new Set([...Object.keys(session.kb.config.tags), ...counts.keys()])].sort();
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = title;
  pick.canSelectMany = true;
  pick.placeholder = canAddNew ? 'Pick tags, or type a new one and press Enter' : 'Pick tags';
  const base = names.map((tag) => ({ label: tag, description: `${counts.get(tag) ?? 0}`, detail: session.kb.vocabulary.describe(tag)?.description }));
  pick.items = base;
  if (canAddNew) {
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      const isNew = typed && !names.includes(typed);
      pick.items = isNew ? [{ label: typed, description: 'new tag, not in the vocabulary yet' }, ...base] : base;
    });
  }
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      // Enter with nothing ticked takes what was typed, so "type a tag, press Enter" just works.
      const typed = pick.value.trim();
      resolve(pick.selectedItems.length ? pick.selectedItems.map((item) => item.label) : typed ? [typed] : []);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
