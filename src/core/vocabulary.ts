// The community's tag vocabulary: canonical names, aliases, and suggestions for unknown tags.
import type { CommonsConfig, TagConfig } from './config';

export class Vocabulary {
  private readonly canonicalByLower = new Map<string, string>();
  private readonly aliasTarget = new Map<string, string>();

  constructor(readonly tags: Record<string, TagConfig>) {
    for (const [name, spec] of Object.entries(tags)) {
      this.canonicalByLower.set(name.toLowerCase(), name);
      for (const alias of spec.aliases) this.aliasTarget.set(alias.toLowerCase(), name);
    }
  }

  static fromConfig(config: CommonsConfig): Vocabulary {
    return new Vocabulary(config.tags);
  }

  get isEmpty(): boolean {
    return this.canonicalByLower.size === 0;
  }

  /** The tag an alias stands for, or the vocabulary's spelling of a known tag, else the tag as given. */
  resolve(tag: string): string {
    const lower = tag.toLowerCase();
    return this.aliasTarget.get(lower) ?? this.canonicalByLower.get(lower) ?? tag;
  }

  aliasOf(tag: string): string | undefined {
    return this.aliasTarget.get(tag.toLowerCase());
  }

  /**
   * Known means in the vocabulary itself, a child of a known tag (`kubernetes/ingress`), or the
   * parent of one (`databases` when the vocabulary has `databases/migrations`).
   */
  isKnown(tag: string): boolean {
    const lower = this.resolve(tag).toLowerCase();
    if (this.canonicalByLower.has(lower)) return true;
    const slash = lower.indexOf('/');
    if (slash > 0 && this.canonicalByLower.has(lower.slice(0, slash))) return true;
    for (const known of this.canonicalByLower.keys()) if (known.startsWith(lower + '/')) return true;
    return false;
  }

  describe(tag: string): TagConfig | undefined {
    const canonical = this.canonicalByLower.get(this.resolve(tag).toLowerCase());
    return canonical ? this.tags[canonical] : undefined;
  }

  /** Closest known tags by edit distance, for "did you mean" suggestions. */
  nearest(tag: string, candidates: Iterable<string> = this.canonicalByLower.values(), limit = 3): string[] {
    const lower = tag.toLowerCase();
    const scored: Array<[string, number]> = [];
    for (const candidate of candidates) {
      // Up to one slip in three characters, and never more than three: editDistance answers
      // `allowed + 1` for anything farther, which must not pass.
      const allowed = Math.min(3, Math.max(1, Math.floor(Math.min(lower.length, candidate.length) / 3)));
      const distance = editDistance(lower, candidate.toLowerCase(), allowed);
      if (distance <= allowed) scored.push([candidate, distance]);
    }
    return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([name]) => name);
  }
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}
