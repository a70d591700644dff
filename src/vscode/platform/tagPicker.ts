// A multi-select quick pick of tags: the vocabulary and tags in use with counts and descriptions,
// suggested tags first when the caller has some (each with its reason); new tags may be typed (and
// are flagged as new), and an alias typed is offered as the tag it stands for.
import * as vscode from 'vscode';
import type { TagSuggestion } from '../../core/suggestions';
import type { KbSession } from './kbSession';

export async function pickTags(session: KbSession, title: string, canAddNew: boolean, only?: string[], suggested: TagSuggestion[] = []): Promise<string[] | undefined> {
  const { vocabulary } = session.kb;
  const counts = session.kb.index.tagCounts();
  const names = only ?? [...new Set([...Object.keys(session.kb.config.tags), ...counts.keys()])].sort();
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = title;
  pick.canSelectMany = true;
  pick.placeholder = canAddNew ? 'Pick tags, or type a new one and press Enter' : 'Pick tags';
  const item = (tag: string): vscode.QuickPickItem => ({ label: tag, description: `${counts.get(tag) ?? 0}`, detail: vocabulary.describe(tag)?.description });
  const suggestedNames = new Set(suggested.map((one) => one.tag));
  const base: vscode.QuickPickItem[] = suggested.length
    ? [
        { label: 'suggested', kind: vscode.QuickPickItemKind.Separator },
        ...suggested.map((one) => ({ ...item(one.tag), detail: one.reasons.join('; ') })),
        { label: 'all tags', kind: vscode.QuickPickItemKind.Separator },
        ...names.filter((tag) => !suggestedNames.has(tag)).map(item),
      ]
    : names.map(item);
  pick.items = base;
  if (canAddNew) {
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      const canonical = typed && vocabulary.aliasOf(typed);
      if (canonical) pick.items = [{ label: canonical, description: `the vocabulary's tag for "${typed}"`, alwaysShow: true }, ...base.filter((one) => one.label !== canonical)];
      else pick.items = typed && !names.includes(typed) ? [{ label: typed, description: 'new tag, not in the vocabulary yet' }, ...base] : base;
    });
  }
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      // Enter with nothing ticked takes what was typed, so "type a tag, press Enter" just works;
      // an alias typed that way is the tag it stands for.
      const typed = pick.value.trim();
      resolve(pick.selectedItems.length ? pick.selectedItems.map((one) => one.label) : typed ? [vocabulary.resolve(typed)] : []);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
