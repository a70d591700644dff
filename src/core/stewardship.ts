// Which contributions a steward should look at: those touching an entry carrying a tag they
// steward in commons.yml (or a child of one), and those adding entries, whose tags are only known
// on their branch.
import type { CommonsConfig } from './config';
import type { Contribution } from './git/review';
import type { EntryIndex } from './index/entryIndex';

export function contributionsForSteward(contributions: Contribution[], index: EntryIndex, config: CommonsConfig, email: string): Contribution[] {
  const me = email.trim().toLowerCase();
  const stewarded = Object.entries(config.tags).filter(([, spec]) => spec.stewards.some((s) => s.trim().toLowerCase() === me)).map(([tag]) => tag);
  const mine = (path: string) => (index.get(path)?.tags ?? []).some((tag) => stewarded.some((s) => tag === s || tag.startsWith(`${s}/`)));
  return contributions.filter((c) => c.added.length > 0 || [...c.changed, ...c.removed].some(mine));
}
