// A multi-select quick pick of tags: the vocabulary and tags in use with counts and descriptions,
// suggested tags first when the caller has some (each with its reason); new tags may be typed (and
// are flagged as new), and an alias typed is offered as the tag it stands for. What is ticked stays
// ticked while the list changes with what is typed.
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
  /** Tags ticked so far, by name: new items replace old ones as the list changes, so ticks are kept by name. */
  const chosen: string[] = [];
  let typedItem: vscode.QuickPickItem | undefined;
  let showing = false;
  const show = (items: vscode.QuickPickItem[]) => {
    showing = true;
    pick.items = items;
    pick.selectedItems = items.filter((one) => one.kind !== vscode.QuickPickItemKind.Separator && chosen.includes(one.label));
    showing = false;
  };
  pick.onDidChangeSelection((selected) => {
    if (showing) return;
    // Ticks and unticks among the items listed now; tags not listed keep their state.
    const listed = new Set(pick.items.filter((one) => one.kind !== vscode.QuickPickItemKind.Separator).map((one) => one.label));
    const kept = chosen.filter((tag) => !listed.has(tag));
    chosen.splice(0, chosen.length, ...kept, ...selected.map((one) => one.label).filter((tag, i, all) => all.indexOf(tag) === i));
  });
  show(base);
  if (canAddNew) {
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      const canonical = typed && vocabulary.aliasOf(typed);
      typedItem = canonical
        ? { label: canonical, description: `the vocabulary's tag for "${typed}"`, alwaysShow: true }
        : typed && !names.includes(typed) ? { label: typed, description: 'new tag, not in the vocabulary yet', alwaysShow: true } : undefined;
      show(typedItem ? [typedItem, ...base.filter((one) => one.label !== typedItem!.label)] : base);
    });
  }
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      // Enter after typing adds the item it highlights (the new tag typed, the tag an alias stands
      // for, or the tag the text found) to the ticked ones: "type a tag, press Enter" just works,
      // also after ticking others.
      const active = pick.value.trim() ? pick.activeItems[0] : undefined;
      resolve([...new Set([...chosen, ...(active && active.kind !== vscode.QuickPickItemKind.Separator ? [active.label] : [])])]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
