// Messages from the dashboard's webview are untrusted input: only known types pass, and only with
// a key that names something in the index (an indexed entry, a tag or type in use, a month). Each
// accepted request resolves to the entries the clicked figure counts. No editor API here, so the
// checks are tested as plain functions.
import type { CommonsConfig } from '../../../core/config';
import { dueForReview } from '../../../core/freshness';
import type { GitHistory } from '../../../core/git/history';
import { monthOf } from '../../../core/insight/activity';
import { typeLabel } from '../../../core/insight/healthCharts';
import type { EntryIndex } from '../../../core/index/entryIndex';

export type DashboardRequest =
  | { kind: 'openEntry'; path: string }
  | { kind: 'showTag'; tag: string }
  | { kind: 'showType'; type: string }
  | { kind: 'showMonth'; month: string }
  | { kind: 'showDue' }
  | { kind: 'showUnstewarded' };

const MAX_KEY_LENGTH = 4096;

export function parseMessage(message: unknown, index: EntryIndex): DashboardRequest | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const { type, key } = message as { type?: unknown; key?: unknown };
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH) return undefined;
  switch (type) {
    case 'openEntry':
      return index.get(key) ? { kind: 'openEntry', path: key } : undefined;
    case 'showTag':
      return index.tagCount(key) ? { kind: 'showTag', tag: key } : undefined;
    case 'showType':
      return key === '' || index.withType(key).size ? { kind: 'showType', type: key } : undefined;
    case 'showMonth':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(key) ? { kind: 'showMonth', month: key } : undefined;
    case 'showDue':
      return { kind: 'showDue' };
    case 'showUnstewarded':
      return { kind: 'showUnstewarded' };
    default:
      return undefined;
  }
}

export interface RequestContext {
  index: EntryIndex;
  config: CommonsConfig;
  history?: GitHistory;
  now: number;
}

/** The entries a request points at, sorted by path, with a title for the list that shows them. */
export function entriesFor(request: Exclude<DashboardRequest, { kind: 'showUnstewarded' }>, context: RequestContext): { title: string; paths: string[] } {
  const { index } = context;
  switch (request.kind) {
    case 'openEntry':
      return { title: index.get(request.path)?.title ?? request.path, paths: index.get(request.path) ? [request.path] : [] };
    case 'showTag':
      return { title: `Entries tagged #${request.tag}`, paths: [...index.withTagOrDescendant(request.tag)].sort() };
    case 'showType': {
      const paths = request.type ? [...index.withType(request.type)] : [...index.all()].filter((e) => !e.type).map((e) => e.path);
      return { title: `Entries of type ${typeLabel(request.type)}`, paths: paths.sort() };
    }
    case 'showMonth': {
      const paths = new Set<string>();
      for (const commit of context.history?.available ? context.history.commits : []) {
        if (monthOf(commit.time) !== request.month) continue;
        for (const file of commit.files) if (index.get(file)) paths.add(file);
      }
      return { title: `Entries changed in ${request.month}`, paths: [...paths].sort() };
    }
    case 'showDue': {
      const history = context.history?.available ? context.history : undefined;
      const paths = dueForReview(index.all(), context.config.reviewIntervalDays, context.now, history).map((due) => due.path);
      return { title: 'Entries due for review', paths: paths.sort() };
    }
  }
}
