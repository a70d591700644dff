// A multi-select quick pick of tags: the vocabulary and tags in use with counts and descriptions,
// suggested tags first when the caller has some (each with its reason). An alias typed finds the
// tag it stands for; a tag typed that is not listed is added as a new one on Enter.
//
// The items never change while the pick is open: VS Code ticks items by their place in the list,
// so a list rebuilt as the user types would drop what they had ticked.
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
  // Aliases are in each tag's description, so typing one finds its tag.
  pick.matchOnDescription = true;
  pick.placeholder = canAddNew ? 'Pick tags, or type a new one and press Enter' : 'Pick tags';
  const item = (tag: string): vscode.QuickPickItem => {
    const aliases = vocabulary.describe(tag)?.aliases ?? [];
    return { label: tag, description: [`${counts.get(tag) ?? 0}`, aliases.length ? `also ${aliases.join(', ')}` : ''].filter(Boolean).join(' · '), detail: vocabulary.describe(tag)?.description };
  };
  const suggestedNames = new Set(suggested.map((one) => one.tag));
  pick.items = suggested.length
    ? [
        { label: 'suggested', kind: vscode.QuickPickItemKind.Separator },
        ...suggested.map((one) => ({ ...item(one.tag), detail: one.reasons.join('; ') })),
        { label: 'all tags', kind: vscode.QuickPickItemKind.Separator },
        ...names.filter((tag) => !suggestedNames.has(tag)).map(item),
      ]
    : names.map(item);
  // Tags the user unticked: Enter does not add one back just because the typed text highlights it.
  const unticked = new Set<string>();
  let ticked = new Set<string>();
  pick.onDidChangeSelection((selected) => {
    const now = new Set(selected.map((one) => one.label));
    for (const tag of ticked) if (!now.has(tag)) unticked.add(tag);
    for (const tag of now) unticked.delete(tag);
    ticked = now;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems.map((one) => one.label);
      // Enter after typing adds the tag the text highlights, or else the text itself as a new tag
      // (an alias as the tag it stands for): "type a tag, press Enter" works, also after ticking others.
      const typed = pick.value.trim();
      const highlighted = pick.activeItems[0];
      const added = !typed ? [] : highlighted ? (unticked.has(highlighted.label) ? [] : [highlighted.label]) : canAddNew ? [vocabulary.resolve(typed)] : [];
      resolve([...new Set([...chosen, ...added])]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
