// One LogOutputChannel for all of Commons, with component tags. Users see one plain line with an
// "Open Log" action; details and stacks go to the log only.
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';

export class CommonsLog implements Logger, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Commons', { log: true });

  info(component: string, message: string): void {
    this.channel.info(`[${component}] ${message}`);
  }

  warn(component: string, message: string): void {
    this.channel.warn(`[${component}] ${message}`);
  }

  error(component: string, message: string): void {
    this.channel.error(`[${component}] ${message}`);
  }

  /** Logs the details and shows the user one plain sentence. */
  async showError(component: string, message: string, error?: unknown): Promise<void> {
    this.error(component, error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message);
    const choice = await vscode.window.showErrorMessage(message, 'Open Log');
    if (choice === 'Open Log') this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
