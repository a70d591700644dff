import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext) {
  context.subscriptions.push(vscode.commands.registerCommand('commons.refresh', () => undefined));
  return {};
}

export function deactivate() {}
