// commons.openDashboard: the community's health in a webview. The knowledge base shown is the one
// of the given resource, else of the active editor, else the only one, else the one the user picks.
import * as vscode from 'vscode';
import type { CommunityHealth } from '../../../core/insight/metrics';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { DashboardPanel } from './panel';

/** Right after start-up the service may still be looking for knowledge bases: wait until it found some or finished. */
async function sessionsFound(service: KnowledgeBaseService): Promise<void> {
  if (service.sessions.length) return;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Commons: finding knowledge bases' }, () =>
    new Promise<void>((resolve) => {
      const subscription = service.onDidChange(() => {
        if (!service.sessions.length) return;
        subscription.dispose();
        resolve();
      });
      void service.whenReady().finally(() => {
        subscription.dispose();
        resolve();
      });
    }),
  );
}

async function chooseSession(service: KnowledgeBaseService, resource?: vscode.Uri): Promise<KbSession | undefined> {
  await sessionsFound(service);
  const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
  const fromUri = uri && service.sessionFor(uri);
  if (fromUri) return fromUri;
  if (service.sessions.length <= 1) return service.sessions[0];
  const picked = await vscode.window.showQuickPick(
    service.sessions.map((session) => ({ label: session.name, description: session.kb.root, session })),
    { title: 'Open the dashboard of which knowledge base?' },
  );
  return picked?.session;
}

export function register(service: KnowledgeBaseService, extensionUri: vscode.Uri): vscode.Disposable {
  const dashboard = new DashboardPanel(service, extensionUri);
  const command = vscode.commands.registerCommand('commons.openDashboard', async (resource?: vscode.Uri): Promise<CommunityHealth | undefined> => {
    const session = await chooseSession(service, resource);
    if (!session) {
      void vscode.window.showInformationMessage('Commons: open a folder holding a knowledge base to see its dashboard.');
      return undefined;
    }
    return dashboard.show(session);
  });
  return vscode.Disposable.from(command, dashboard);
}
