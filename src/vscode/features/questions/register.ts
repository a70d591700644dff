// Questions: open ones oldest first with their age, answered ones with their answers.
import * as vscode from 'vscode';
import { plural } from '../../../core/plural';
import { listQuestions, type QuestionView } from '../../../core/questions';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { ago, entryTreeItem } from '../../platform/entryItems';
import { CommonsTreeProvider, ItemNode, type TreeNode } from '../../platform/treeProvider';

function group(session: KbSession, label: string, icon: string, questions: QuestionView[], render: (q: QuestionView) => TreeNode): TreeNode {
  const item = new vscode.TreeItem(label, questions.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = `questions::${session.kb.root}::${label}`;
  item.iconPath = new vscode.ThemeIcon(icon);
  item.description = `${questions.length}`;
  return new ItemNode(item, () => questions.map(render));
}

export class QuestionsProvider extends CommonsTreeProvider {
  protected roots(session: KbSession): TreeNode[] {
    const history = session.history.available ? session.history : undefined;
    const questions = listQuestions(session.kb.index, history);
    const open = questions.filter((q) => !q.answered);
    const answered = questions.filter((q) => q.answered).reverse();
    return [
      group(session, 'Open', 'question', open, (q) => new ItemNode(entryTreeItem(session, q.entry, `asked ${ago(q.askedAt)}`))),
      group(session, 'Answered', 'pass', answered, (q) => {
        const item = entryTreeItem(session, q.entry, q.answers.length ? plural(q.answers.length, 'answer') : 'answered');
        if (q.answers.length) item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        return new ItemNode(item, () =>
          q.answers.map((path) => session.kb.index.get(path)).filter((e) => !!e).map((e) => new ItemNode(entryTreeItem(session, e!, 'answer'))),
        );
      }),
    ];
  }
}

export function register(service: KnowledgeBaseService): { provider: QuestionsProvider; disposable: vscode.Disposable } {
  const provider = new QuestionsProvider(service);
  const view = vscode.window.createTreeView('commons.questions', { treeDataProvider: provider });
  return { provider, disposable: vscode.Disposable.from(provider, view) };
}
