// Tag hygiene for stewards: tags that are probably the same tag written differently (letter case,
// singular and plural, a typo, an alias used as a tag), each with the tag to keep.
import { editDistance, type Vocabulary } from './vocabulary';

export interface TagDuplicate {
  /** The tag to merge away. */
  tag: string;
  /** The tag to keep: the vocabulary's, else the more used one. */
  keep: string;
  reason: 'case' | 'plural' | 'spelling' | 'alias';
}

/** `counts` are the tags as written in entries, with how many entries use each. */
export function nearDuplicateTags(counts: Map<string, number>, vocabulary: Vocabulary): TagDuplicate[] {
  const duplicates: TagDuplicate[] = [];
  const tags = [...counts.keys()].sort();
  const seen = new Set<string>();
  const better = (a: string, b: string) => {
    const aKnown = !vocabulary.isEmpty && vocabulary.describe(a) !== undefined;
    const bKnown = !vocabulary.isEmpty && vocabulary.describe(b) !== undefined;
    if (aKnown !== bKnown) return aKnown ? a : b;
    return (counts.get(a) ?? 0) >= (counts.get(b) ?? 0) ? a : b;
  };
  for (const tag of tags) {
    const target = vocabulary.aliasOf(tag);
    if (target && target !== tag) {
      duplicates.push({ tag, keep: target, reason: 'alias' });
      seen.add(tag);
    }
  }
  for (let i = 0; i < tags.length; i++) {
    for (let j = i + 1; j < tags.length; j++) {
      const [a, b] = [tags[i], tags[j]];
      if (seen.has(a) || seen.has(b)) continue;
      const reason = sameTagReason(a, b);
      if (!reason) continue;
      const keep = better(a, b);
      const drop = keep === a ? b : a;
      duplicates.push({ tag: drop, keep, reason });
      seen.add(drop);
    }
  }
  return duplicates.sort((x, y) => x.keep.localeCompare(y.keep) || x.tag.localeCompare(y.tag));
}

function sameTagReason(a: string, b: string): TagDuplicate['reason'] | undefined {
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la === lb) return 'case';
  if (singular(la) === singular(lb)) return 'plural';
  // A one-letter slip in a longer tag; short tags (ci, cd, qa) differ by one letter on purpose.
  if (Math.min(la.length, lb.length) >= 6 && editDistance(la, lb, 1) <= 1) return 'spelling';
  return undefined;
}

function singular(tag: string): string {
  if (tag.endsWith('ies') && tag.length > 4) return `${tag.slice(0, -3)}y`;
  if (/(s|x|z|ch|sh)es$/.test(tag)) return tag.slice(0, -2);
  if (tag.endsWith('s') && !tag.endsWith('ss') && tag.length > 3) return tag.slice(0, -1);
  return tag;
}
