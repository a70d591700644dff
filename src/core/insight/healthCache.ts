// Keeps one knowledge base's computed health until something it depends on changes: the history's
// head, the index (counted through its change events), the configuration, or the day. Between
// changes the dashboard's refreshes cost nothing, and after new commits only those are read.
import type { CommonsConfig } from '../config';
import type { GitHistory } from '../git/history';
import type { EntryIndex } from '../index/entryIndex';
import { ActivityLedger } from './activity';
import { computeHealth, type CommunityHealth } from './metrics';

const DAY_MS = 86_400_000;

export interface HealthSource {
  readonly index: EntryIndex;
  readonly config: CommonsConfig;
  isEntryPath(path: string): boolean;
}

export class HealthCache {
  private indexVersion = 0;
  private readonly subscription: { dispose(): void };
  private ledger?: ActivityLedger;
  private ledgerConfig?: CommonsConfig;
  private cached?: { key: string; config: CommonsConfig; health: CommunityHealth };

  constructor(private readonly kb: HealthSource, private readonly history?: GitHistory) {
    this.subscription = kb.index.onDidChange(() => this.indexVersion++);
  }

  get(now: number): CommunityHealth {
    // Until the first read completes (no head yet) the history is empty rather than quiet, so it
    // counts as missing: the dashboard must not show a busy community as having no contributions.
    const history = this.history?.available && this.history.head !== undefined ? this.history : undefined;
    const key = [history?.head ?? '', history?.generation ?? 0, history?.commits.length ?? 0, this.indexVersion, Math.floor(now / DAY_MS)].join(':');
    if (this.cached && this.cached.key === key && this.cached.config === this.kb.config) return this.cached.health;
    // Which paths are entries depends on the configuration (entries folder, ignore patterns), so a
    // new configuration means counting contributions afresh.
    if (!this.ledger || this.ledgerConfig !== this.kb.config) {
      this.ledger = new ActivityLedger((path) => this.kb.isEntryPath(path));
      this.ledgerConfig = this.kb.config;
    }
    const health = computeHealth({ index: this.kb.index, config: this.kb.config, history, now, ledger: this.ledger });
    this.cached = { key, config: this.kb.config, health };
    return health;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
