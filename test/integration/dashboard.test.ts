// The dashboard in a real extension host, on the fixture the runner commits twice (Ana Lima in
// January 2024, Ben Okafor in June 2024): the command opens one webview panel with the figures.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommonsApi } from '../../src/extension';
import { eventually } from './helpers';
import type { CommunityHealth } from '../../src/core/insight/metrics';


function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('commons.dashboard'));
}

describe('dashboard', () => {
  let api: CommonsApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<CommonsApi>('commons-kb.commons')!.activate())!;
    await api.service.whenReady();
    await eventually(() => assert.ok(api.service.sessions[0]?.history.commits.length, 'git history read'));
  });

  after(async () => {
    for (const tab of dashboardTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('is a command of its own', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('commons.openDashboard'));
  });

  it('opens one webview panel showing the knowledge base figures', async () => {
    const health = await vscode.commands.executeCommand<CommunityHealth>('commons.openDashboard');
    assert.ok(health, 'the command returns what the panel shows');
    await eventually(() => assert.strictEqual(dashboardTabs().length, 1));
    assert.match(dashboardTabs()[0].label, /Commons Dashboard: Basic Test Guild/);
    assert.strictEqual(health.history.available, true);
    assert.strictEqual(health.history.contributingCommits, 2);
    assert.strictEqual(health.contributors.total, 2);
    assert.deepStrictEqual(
      health.months.filter((m) => m.contributions).map((m) => [m.month, m.newContributors, m.returningContributors]),
      [['2024-01', 1, 0], ['2024-06', 1, 0]],
    );
    assert.strictEqual(health.questions.open, 1);
    assert.deepStrictEqual(health.tags.withoutSteward.map((t) => t.tag).sort(), ['deploy', 'onboarding', 'review', 'testing']);
  });

  it('reuses its panel when run again, also for a resource inside the knowledge base', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await vscode.commands.executeCommand('commons.openDashboard', vscode.Uri.file(path.join(root, 'docs', 'welcome.md')));
    await vscode.commands.executeCommand('commons.openDashboard');
    await eventually(() => assert.strictEqual(dashboardTabs().length, 1));
  });
});
