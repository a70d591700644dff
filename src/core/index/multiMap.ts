// A map from keys to sets that forgets a key when its set becomes empty, so incremental
// updates and full rebuilds end in exactly the same state.

const EMPTY: ReadonlySet<never> = new Set();

export class MultiMap<K, V> {
  private readonly map = new Map<K, Set<V>>();

  add(key: K, value: V): void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(value);
  }

  delete(key: K, value: V): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.map.delete(key);
  }

  get(key: K): ReadonlySet<V> {
    return this.map.get(key) ?? EMPTY;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  entries(): IterableIterator<[K, Set<V>]> {
    return this.map.entries();
  }

  sizes(): Map<K, number> {
    const sizes = new Map<K, number>();
    for (const [key, set] of this.map) sizes.set(key, set.size);
    return sizes;
  }

  dump(): Array<[K, V[]]> {
    return [...this.map.entries()]
      .map(([key, set]) => [key, [...set].sort()] as [K, V[]])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
  }
}
