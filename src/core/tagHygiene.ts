// Tag hygiene for stewards: tags that are probably the same tag written differently (letter case,
// singular and plural, a typo, an alias used as a tag), each with the tag to keep.
import { editDistance, type Vocabulary } from './vocabulary';
import { singular } from './plural';

export interface TagDuplicate {
  /** The tag to merge away. */
  tag: string;
  /** The tag to keep: the vocabulary's, else the more used one. */
  keep: string;
  reason: 'case' | 'plural' | 'spelling' | 'alias';
}

/**
 * `counts` are the tags as written in entries, with how many entries use each. Pairs are judged in
 * the order of a comparison of every pair (sorted tags, each with the ones after it), but only
 * pairs that can be duplicates are looked at: those sharing a key that any such pair shares (the
 * singular in lower case, for case and plural; the tag or the tag less one character, for a
 * one-character slip). A knowledge base with 40,000 tags compared every pair for minutes.
 * `pairsOf` picks those pairs; tests give every pair instead, to hold the search to that rule.
 */
export function nearDuplicateTags(counts: Map<string, number>, vocabulary: Vocabulary, pairsOf: (tags: string[]) => Iterable<number> = candidatePairs): TagDuplicate[] {
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
  const judged = judgedPairs(tags, pairsOf(tags));
  const family = spellingFamilies(judged);
  for (const [a, b, reason] of judged) {
    if (seen.has(a) || seen.has(b)) continue;
    if (reason === 'spelling' && (family.has(a) || family.has(b))) continue;
    const keep = better(a, b);
    const drop = keep === a ? b : a;
    duplicates.push({ tag: drop, keep, reason });
    seen.add(drop);
  }
  return duplicates.sort((x, y) => x.keep.localeCompare(y.keep) || x.tag.localeCompare(y.tag));
}

/** A pair of tags and why they are probably one. */
type JudgedPair = [string, string, TagDuplicate['reason']];

/** The pairs (given as i * count + j, in order) that sameTagReason takes for one tag, with its reason. */
function judgedPairs(tags: string[], pairs: Iterable<number>): JudgedPair[] {
  const judged: JudgedPair[] = [];
  for (const pair of pairs) {
    const [a, b] = [tags[Math.floor(pair / tags.length)], tags[pair % tags.length]];
    const reason = sameTagReason(a, b);
    if (reason) judged.push([a, b, reason]);
  }
  return judged;
}

/**
 * Tags one slip away from two or more others (acos, acosf, acosh, acosl): a family of names, where
 * a letter more or less is another name, not a slip. A real slip usually has one neighbour.
 */
function spellingFamilies(judged: JudgedPair[]): Set<string> {
  const neighbours = new Map<string, number>();
  for (const [a, b, reason] of judged) {
    if (reason !== 'spelling') continue;
    neighbours.set(a, (neighbours.get(a) ?? 0) + 1);
    neighbours.set(b, (neighbours.get(b) ?? 0) + 1);
  }
  return new Set([...neighbours].filter(([, count]) => count > 1).map(([tag]) => tag));
}

/** Pairs (i < j, as i * count + j, in ascending order) of tags that share a key (see nearDuplicateTags). */
function candidatePairs(tags: string[]): number[] {
  const bySingular = new Map<string, number[]>();
  // The keys of one-character slips are hashes (a string for each deletion cost seconds at 40,000
  // tags); two different strings sharing one only make a pair that sameTagReason then declines.
  const bySlipKey = new Map<number, number[]>();
  tags.forEach((tag, i) => {
    const lower = tag.toLowerCase();
    const key = singular(lower);
    const list = bySingular.get(key);
    if (list) list.push(i);
    else bySingular.set(key, [i]);
    if (lower.length < SLIP_MIN_LENGTH) return;
    for (const slip of slipKeys(lower)) {
      const members = bySlipKey.get(slip);
      if (!members) bySlipKey.set(slip, [i]);
      else if (members[members.length - 1] !== i) members.push(i);
    }
  });
  const pairs = new Set<number>();
  for (const map of [bySingular, bySlipKey] as Array<Map<unknown, number[]>>) {
    for (const members of map.values()) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) pairs.add(members[x] * tags.length + members[y]);
    }
  }
  return [...pairs].sort((p, q) => p - q);
}

const HASH_BASE = 0x01000193;

/**
 * Hashes of the text and of the text less each one character: two texts one edit apart (a
 * character changed, added or dropped) share one. Polynomial hashes modulo 2^32, with the length
 * mixed in, kept to 30 bits; a deletion's hash comes from the prefix hashes in constant time.
 */
function slipKeys(text: string): number[] {
  const n = text.length;
  const prefix = new Array<number>(n + 1);
  const power = new Array<number>(n + 1);
  prefix[0] = 0;
  power[0] = 1;
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = (Math.imul(prefix[i], HASH_BASE) + text.charCodeAt(i)) >>> 0;
    power[i + 1] = Math.imul(power[i], HASH_BASE) >>> 0;
  }
  // 30 bits: small integers, which a Map hashes without boxing them.
  const withLength = (hash: number, length: number) => (hash ^ Math.imul(length, 0x9e3779b1)) & 0x3fffffff;
  const keys = [withLength(prefix[n], n)];
  for (let i = 0; i < n; i++) {
    // text without character i: prefix[i] * B^(n-1-i) + (prefix[n] - prefix[i+1] * B^(n-1-i)).
    const deleted = (prefix[n] + Math.imul((prefix[i] - prefix[i + 1]) >>> 0, power[n - 1 - i])) >>> 0;
    keys.push(withLength(deleted, n - 1));
  }
  return keys;
}

/** Shorter tags (ci, cd, qa) differ by one letter on purpose. */
const SLIP_MIN_LENGTH = 6;

/** Why two tags are probably one, or undefined. */
export function sameTagReason(a: string, b: string): TagDuplicate['reason'] | undefined {
  // Names from code (`__addgsbyte`, `CWnd::OnCreate`, `/Zi`) differ by a letter or a case on
  // purpose: only tags written as words are judged.
  if (looksLikeCode(a) || looksLikeCode(b)) return undefined;
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la === lb) return 'case';
  if (singular(la) === singular(lb)) return 'plural';
  // A one-letter slip in a longer tag; tags that differ in a number (C2065, C2066) are different tags.
  if (Math.min(la.length, lb.length) >= SLIP_MIN_LENGTH && numbersOf(la) === numbersOf(lb) && editDistance(la, lb, 1) <= 1) return 'spelling';
  return undefined;
}

/** Characters words do not hold (`_`, `.`, brackets, `::`...), a capital inside a word (camelCase), or a leading `/` or `-` (a switch). */
function looksLikeCode(tag: string): boolean {
  return /[_.()[\]{}:;,<>=*&@#$%^~`"'\\|+!?]|\p{Ll}\p{Lu}|^[/-]/u.test(tag);
}

function numbersOf(tag: string): string {
  return tag.replace(/\D+/g, ' ');
}
