// The dashboard's webview panel: one panel, showing one knowledge base at a time. It renders the
// health the core computes, refreshes when the knowledge base or its history changes, and turns
// clicks on figures into opening the entries they count.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { HealthCache } from '../../../core/insight/healthCache';
import type { CommunityHealth } from '../../../core/insight/metrics';
import type { KnowledgeBaseService } from '../../platform/kbService';
import type { KbSession } from '../../platform/kbSession';
import { typeIcon } from '../../platform/entryItems';
import { renderBody, renderPage } from './html';
import { entriesFor, parseMessage } from './messages';

const VIEW_TYPE = 'commons.dashboard';
/** Changes arrive in bursts while indexing; the dashboard follows them at most this often. */
const REFRESH_MS = 500;

export class DashboardPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private session?: KbSession;
  private readonly caches = new Map<KbSession, HealthCache>();
  private shownBody?: string;
  private refreshTimer?: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: KnowledgeBaseService, private readonly extensionUri: vscode.Uri) {
    this.subscription = service.onDidChange(() => this.scheduleRefresh());
  }

  /** Shows the dashboard for a knowledge base and returns the health it shows. */
  show(session: KbSession): CommunityHealth | undefined {
    this.session = session;
    if (!this.panel) {
      const media = vscode.Uri.joinPath(this.extensionUri, 'media');
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Commons Dashboard', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [media],
      });
      this.panel.iconPath = vscode.Uri.joinPath(media, 'commons.svg');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shownBody = undefined;
        this.disposeCaches();
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.handle(message));
    } else {
      this.panel.reveal();
    }
    return this.render();
  }

  private scheduleRefresh(): void {
    if (!this.panel || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.panel) this.render();
    }, REFRESH_MS);
  }

  private currentSession(): KbSession | undefined {
    // A restart of the service (workspace folders changed) replaces every session.
    if (this.session && !this.service.sessions.includes(this.session)) {
      const root = this.session.kb.root;
      this.session = this.service.sessions.find((s) => s.kb.root === root) ?? this.service.sessions[0];
    }
    for (const [session, cache] of this.caches) {
      if (this.service.sessions.includes(session)) continue;
      cache.dispose();
      this.caches.delete(session);
    }
    return this.session;
  }

  private healthOf(session: KbSession): CommunityHealth {
    let cache = this.caches.get(session);
    if (!cache) this.caches.set(session, (cache = new HealthCache(session.kb, session.history)));
    return cache.get(Date.now());
  }

  private render(): CommunityHealth | undefined {
    const panel = this.panel!;
    const session = this.currentSession();
    // The folder holding the knowledge base can leave the workspace while the panel is open.
    const health = session && this.healthOf(session);
    const body = session && health ? renderBody(session.name, health) : '<p class="notice">No knowledge base is open in this workspace any more.</p>';
    panel.title = session ? `Commons Dashboard: ${session.name}` : 'Commons Dashboard';
    // Setting the HTML reloads the page; the page keeps its scroll position in its webview state.
    if (body !== this.shownBody) {
      const webview = panel.webview;
      const media = vscode.Uri.joinPath(this.extensionUri, 'media');
      panel.webview.html = renderPage(panel.title, body, {
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.css')).toString(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dashboard.js')).toString(),
      });
      this.shownBody = body;
    }
    return health;
  }

  private async handle(message: unknown): Promise<void> {
    const session = this.currentSession();
    if (!session) return;
    const request = parseMessage(message, session.kb.index);
    if (!request) return;
    const context = { index: session.kb.index, config: session.kb.config, history: session.history, now: Date.now() };
    if (request.kind === 'showUnstewarded') {
      const tags = this.healthOf(session).tags.withoutSteward;
      const picked = await vscode.window.showQuickPick(
        tags.map((t) => ({ label: `#${t.tag}`, description: `${t.entries} entr${t.entries === 1 ? 'y' : 'ies'}`, tag: t.tag })),
        { title: 'Tags without a steward', placeHolder: 'Pick a tag to see its entries' },
      );
      if (picked) await this.pickEntry(session, entriesFor({ kind: 'showTag', tag: picked.tag }, context));
      return;
    }
    await this.pickEntry(session, entriesFor(request, context));
  }

  /** Opens the only entry, or lets the user pick one of several. */
  private async pickEntry(session: KbSession, found: { title: string; paths: string[] }): Promise<void> {
    const open = (path: string) => vscode.window.showTextDocument(session.uriOf(path), { viewColumn: vscode.ViewColumn.Beside, preview: false });
    if (found.paths.length === 1) {
      await open(found.paths[0]);
      return;
    }
    if (!found.paths.length) {
      void vscode.window.showInformationMessage(`${found.title}: none in the index now.`);
      return;
    }
    const items = found.paths.flatMap((path) => {
      const entry = session.kb.index.get(path);
      return entry ? [{ label: `$(${typeIcon(entry.type).id}) ${entry.title}`, description: entry.tags.map((t) => `#${t}`).join(' '), detail: path, path }] : [];
    });
    const picked = await vscode.window.showQuickPick(items, { title: `${found.title} (${items.length})`, matchOnDescription: true, matchOnDetail: true });
    if (picked) await open(picked.path);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.panel?.dispose();
    this.disposeCaches();
  }

  /** A closed dashboard keeps nothing: reopening it computes afresh from the history in memory. */
  private disposeCaches(): void {
    for (const cache of this.caches.values()) cache.dispose();
    this.caches.clear();
  }
}
