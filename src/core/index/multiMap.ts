// A map from keys to sets that forgets a key when its set becomes empty, so incremental
// updates and full rebuilds end in exactly the same state. Most keys hold one value or a few (a
// link target, a title), so a lone value is stored as itself, a few values as a small array, and
// only a key with many values pays for a Set. On 100k entries that saves about a million Sets and
// makes a full build about twice as fast. A key holding many entry ids that are dense in the
// range of ids (a type, a folder, a popular tag) keeps them as bits (IdBits), cheaper to fill and
// no larger than a Set.
import { IdBits } from './idBits';

const EMPTY: ReadonlySet<never> = new Set();
/** Above this many values a key's array becomes a Set or bits, so adds and deletes stay O(1). */
const SMALL = 8;
/** Ids become bits once a key holds at least 1 in this many of the ids given so far: the bits then take no more memory than a Set would. */
const DENSE = 128;

type Slot<V extends string | number> = V | V[] | Set<V> | IdBits;

export class MultiMap<K, V extends string | number> {
  private readonly map = new Map<K, Slot<V>>();
  /** The largest id added so far: how many bits a key's ids need. */
  private largestId = 0;

  add(key: K, value: V): void {
    if (typeof value === 'number' && value > this.largestId) this.largestId = value;
    const current = this.map.get(key);
    if (current === undefined) this.map.set(key, value);
    else if (current instanceof IdBits) current.add(value as number);
    else if (current instanceof Set) {
      current.add(value);
      if (typeof value === 'number' && current.size % SMALL === 0 && this.dense(current.size)) this.map.set(key, this.bitsOf(current as Set<number>));
    } else if (Array.isArray(current)) {
      if (current.includes(value)) return;
      if (current.length < SMALL) current.push(value);
      else {
        current.push(value);
        this.map.set(key, typeof value === 'number' && this.dense(current.length) ? this.bitsOf(current as number[]) : new Set(current));
      }
    } else if (current !== value) this.map.set(key, [current as V, value]);
  }

  delete(key: K, value: V): void {
    const current = this.map.get(key);
    if (current === undefined) return;
    if (current instanceof Set || current instanceof IdBits) {
      (current as Set<V>).delete(value);
      if (current.size <= SMALL) this.map.set(key, current.size === 1 ? (current[Symbol.iterator]().next().value as V) : ([...current] as V[]));
    } else if (Array.isArray(current)) {
      const at = current.indexOf(value);
      if (at < 0) return;
      current.splice(at, 1);
      if (current.length === 1) this.map.set(key, current[0]);
    } else if (current === value) this.map.delete(key);
  }

  get(key: K): ReadonlySet<V> {
    const current = this.map.get(key);
    if (current === undefined) return EMPTY;
    return current instanceof Set ? current : new Set(this.values(key));
  }

  /** The values of a key without building a Set: for callers that only iterate. */
  values(key: K): Iterable<V> {
    const current = this.map.get(key);
    if (current === undefined) return EMPTY;
    return typeof current === 'object' ? (current as Iterable<V>) : [current];
  }

  size(key: K): number {
    const current = this.map.get(key);
    return current === undefined ? 0 : sizeOf(current);
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  *entries(): IterableIterator<[K, ReadonlySet<V>]> {
    for (const key of this.map.keys()) yield [key, this.get(key)];
  }

  sizes(): Map<K, number> {
    const sizes = new Map<K, number>();
    for (const [key, current] of this.map) sizes.set(key, sizeOf(current));
    return sizes;
  }

  /** Every key with its values (as `show` gives them), sorted, for comparing two maps. */
  dump<S>(show: (value: V) => S): Array<[K, S[]]> {
    return [...this.entries()]
      .map(([key, set]) => [key, [...set].map(show).sort()] as [K, S[]])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
  }

  private dense(size: number): boolean {
    return size * DENSE >= this.largestId;
  }

  private bitsOf(ids: Iterable<number>): IdBits {
    return new IdBits(ids, this.largestId);
  }
}

function sizeOf<V extends string | number>(slot: Slot<V>): number {
  return slot instanceof Set || slot instanceof IdBits ? slot.size : Array.isArray(slot) ? slot.length : 1;
}
