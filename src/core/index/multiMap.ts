// A map from keys to sets that forgets a key when its set becomes empty, so incremental
// updates and full rebuilds end in exactly the same state. Most keys hold a single value (a link
// target, a title), so a lone value is stored as itself and becomes a Set only when a second
// one arrives: on 100k entries that saves about a million small Sets.

const EMPTY: ReadonlySet<never> = new Set();

export class MultiMap<K, V> {
  private readonly map = new Map<K, V | Set<V>>();

  add(key: K, value: V): void {
    const current = this.map.get(key);
    if (current === undefined) this.map.set(key, value);
    else if (current instanceof Set) current.add(value);
    else if (current !== value) this.map.set(key, new Set([current, value]));
  }

  delete(key: K, value: V): void {
    const current = this.map.get(key);
    if (current === undefined) return;
    if (current instanceof Set) {
      current.delete(value);
      if (current.size === 1) this.map.set(key, current.values().next().value as V);
    } else if (current === value) this.map.delete(key);
  }

  get(key: K): ReadonlySet<V> {
    const current = this.map.get(key);
    if (current === undefined) return EMPTY;
    return current instanceof Set ? current : new Set([current]);
  }

  size(key: K): number {
    const current = this.map.get(key);
    return current === undefined ? 0 : current instanceof Set ? current.size : 1;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  *entries(): IterableIterator<[K, ReadonlySet<V>]> {
    for (const [key, current] of this.map) yield [key, current instanceof Set ? current : new Set([current])];
  }

  sizes(): Map<K, number> {
    const sizes = new Map<K, number>();
    for (const [key, current] of this.map) sizes.set(key, current instanceof Set ? current.size : 1);
    return sizes;
  }

  dump(): Array<[K, V[]]> {
    return [...this.entries()]
      .map(([key, set]) => [key, [...set].sort()] as [K, V[]])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
  }
}
