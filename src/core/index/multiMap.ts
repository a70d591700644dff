// A map from keys to sets that forgets a key when its set becomes empty, so incremental
// updates and full rebuilds end in exactly the same state. Most keys hold one value or a few (a
// link target, a title), so a lone value is stored as itself, a few values as a small array, and
// only a key with many values pays for a Set. On 100k entries that saves about a million Sets and
// makes a full build about twice as fast. A key holding many entry ids that are dense in the
// range of ids (a type, a folder, a popular tag) keeps them as bits (IdBits), cheaper to fill and
// no larger than a Set; bits that would grow for a key no longer dense go back to a Set. Bits do
// not shrink as their key thins out, until it is down to a few values and becomes an array again.
import { IdBits } from './idBits';

const EMPTY: ReadonlySet<never> = new Set();
/** Above this many values a key's array becomes a Set or bits, so adds and deletes stay O(1). */
const SMALL = 8;
/** Ids become bits once a key holds at least 1 in this many of the ids given so far: the bits then take no more memory than a Set would. */
const DENSE = 128;
/** Bits hold entry ids: small non-negative integers. */
const MAX_ID = 2 ** 31 - 1;

function isId(value: string | number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_ID;
}

type Slot<V extends string | number> = V | V[] | Set<V> | IdBits;

export class MultiMap<K, V extends string | number> {
  private readonly map = new Map<K, Slot<V>>();
  /** The largest id added so far: how many bits a key's ids need. */
  private largestId = 0;

  add(key: K, value: V): void {
    const id = isId(value);
    if (id && value > this.largestId) this.largestId = value;
    const current = this.map.get(key);
    if (current === undefined) this.map.set(key, value);
    else if (current instanceof IdBits) {
      if (id && (current.holds(value) || this.dense(current.size))) current.add(value);
      else this.map.set(key, new Set<V>([...(current as Iterable<V>), value]));
    } else if (current instanceof Set) {
      current.add(value);
      if (id && current.size % SMALL === 0 && this.dense(current.size) && [...current].every(isId)) this.map.set(key, this.bitsOf(current as Set<number>));
    } else if (Array.isArray(current)) {
      if (current.includes(value)) return;
      current.push(value);
      if (current.length > SMALL) this.map.set(key, this.dense(current.length) && current.every(isId) ? this.bitsOf(current as number[]) : new Set(current));
    } else if (current !== value) this.map.set(key, [current as V, value]);
  }

  delete(key: K, value: V): void {
    const current = this.map.get(key);
    if (current === undefined) return;
    if (current instanceof Set || current instanceof IdBits) {
      // Bits hold only ids: anything else is not there (and would read as another id's bit).
      if (current instanceof IdBits ? !isId(value) || !current.delete(value) : !current.delete(value)) return;
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
