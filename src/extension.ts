// Activation: build the platform adapters, start indexing in the background, register each feature.
// Nothing slow happens before activate() returns; views fill in as the index arrives.
import * as vscode from 'vscode';
import { KnowledgeBaseService } from './vscode/platform/kbService';
import { CommonsLog } from './vscode/platform/log';
import * as contribute from './vscode/features/contribute/register';
import * as dashboard from './vscode/features/dashboard/register';
import * as frontMatter from './vscode/features/frontMatter/register';
import * as knowledgeBase from './vscode/features/knowledgeBase/register';
import * as links from './vscode/features/links/register';
import * as newEntry from './vscode/features/newEntry/register';
import * as paths from './vscode/features/paths/register';
import * as people from './vscode/features/people/register';
import * as questions from './vscode/features/questions/register';
import * as review from './vscode/features/review/register';
import * as search from './vscode/features/search/register';
import * as tagCommands from './vscode/features/tagCommands/register';
import * as tags from './vscode/features/tags/register';
import * as topics from './vscode/features/topics/register';

/** What the extension exports: used by the integration tests and open to other extensions. */
export interface CommonsApi {
  service: KnowledgeBaseService;
  views: Record<string, vscode.TreeDataProvider<unknown>>;
  search: typeof search.search;
}

export function activate(context: vscode.ExtensionContext): CommonsApi {
  const log = new CommonsLog();
  const release = `${context.extension.id}@${String(context.extension.packageJSON.version)}`;
  const service = new KnowledgeBaseService(context.storageUri ?? context.globalStorageUri, log, release);
  const views = {
    'commons.paths': paths.register(service, context.globalState),
    'commons.topics': topics.register(service),
    'commons.tags': tags.register(service),
    'commons.people': people.register(service),
    'commons.questions': questions.register(service),
    'commons.review': review.register(service, log, context.extensionUri),
    'commons.links': links.register(service),
  };
  context.subscriptions.push(
    log,
    service,
    ...Object.values(views).map((view) => view.disposable),
    knowledgeBase.register(service, log),
    search.register(service),
    frontMatter.register(service),
    tagCommands.register(service),
    newEntry.register(service),
    contribute.register(service, log, context.workspaceState),
    dashboard.register(service, context.extensionUri),
    service.onDidChange(() => {
      const empty = !service.indexing && service.sessions.every((s) => s.kb.index.size === 0);
      void vscode.commands.executeCommand('setContext', 'commons.noEntries', empty);
    }),
  );
  service.start();
  return {
    service,
    views: Object.fromEntries(Object.entries(views).map(([id, view]) => [id, view.provider])),
    search: search.search,
  };
}

export function deactivate(): void {}
