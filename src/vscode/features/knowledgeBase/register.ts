// Commands about the knowledge base itself: refresh, set up (commons.init), and the log.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { builtInTemplate } from '../../../core/newEntry';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { CommonsLog } from '../../platform/log';

const STARTER_CONFIG = `# Commons settings: every key is optional.
name: Our Knowledge Base
entries: docs
types:
  practice: { required: [title, tags] }
  how-to: { required: [title, tags], template: .commons/templates/how-to.md }
  lesson: { required: [title, tags] }
  question: { required: [title, tags], statuses: [open, answered] }
  decision: { required: [title, status] }
  reference: { required: [title] }
tags:
  onboarding: { description: Getting started in this community }
vocabulary: open
review: { interval: 180d }
paths:
  - name: First week
    entries: [docs/welcome.md]
`;

const WELCOME = `---
title: Welcome
type: reference
tags: [onboarding]
summary: Where to start in this knowledge base.
---

# Welcome

This knowledge base holds what our community has learned: practices, how-tos, lessons and questions.

- Browse **Topics** and **Tags** in the Commons side bar.
- Search everything with **Commons: Search the Knowledge Base**.
`;

export function register(service: KnowledgeBaseService, log: CommonsLog): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('commons.refresh', async () => {
      await Promise.all(service.sessions.map((s) => s.reindex()));
      await Promise.all(service.sessions.map((s) => s.updateHistory()));
    }),
    vscode.commands.registerCommand('commons.showLog', () => log.channel.show()),
    vscode.commands.registerCommand('commons.init', () => initKnowledgeBase(service, log)),
  );
}

/** Creates commons.yml, templates and a welcome entry in the first folder, never overwriting a file. */
async function initKnowledgeBase(service: KnowledgeBaseService, log: CommonsLog): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: Commons sets up a knowledge base inside it.');
    return;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Commons does not create files in Restricted Mode. Trust this workspace to set up a knowledge base.');
    return;
  }
  const files: Array<[string, string]> = [
    ['commons.yml', STARTER_CONFIG],
    ['docs/welcome.md', WELCOME],
    ...['practice', 'how-to', 'lesson', 'question', 'decision', 'reference'].map((type): [string, string] => [`.commons/templates/${type}.md`, builtInTemplate(type)]),
  ];
  const created: string[] = [];
  try {
    for (const [relative, text] of files) {
      const uri = vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
      try {
        await vscode.workspace.fs.stat(uri);
        continue; // Never overwrite what is already there.
      } catch {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
        created.push(relative);
      }
    }
  } catch (error) {
    await log.showError('init', 'Commons could not create the knowledge base files.', error);
    return;
  }
  log.info('init', `created ${created.join(', ') || 'nothing (all files existed)'} in ${folder.uri.fsPath}`);
  await service.restart();
  const welcome = vscode.Uri.file(path.join(folder.uri.fsPath, 'docs', 'welcome.md'));
  await vscode.window.showTextDocument(welcome);
}
