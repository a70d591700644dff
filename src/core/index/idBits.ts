// A set of small non-negative integers (entry ids) kept as one bit each. The derived indexes file
// every entry under a type, a status, a folder, its tags and its people: a few hundred keys that
// each hold thousands of ids. As Sets, filling those is most of what indexing 100k entries spends
// in Map and Set code; a bit is set in a few nanoseconds and never needs rehashing.
// It iterates in ascending order, not insertion order: callers sort what they show.

export class IdBits implements Iterable<number> {
  private words: Uint32Array;
  private count = 0;

  constructor(ids: Iterable<number> = [], capacity = 0) {
    this.words = new Uint32Array(Math.max(1, (capacity >>> 5) + 1));
    for (const id of ids) this.add(id);
  }

  get size(): number {
    return this.count;
  }

  /** Whether `id` fits in the bits as they are, without growing them. */
  holds(id: number): boolean {
    return id >>> 5 < this.words.length;
  }

  add(id: number): this {
    const at = id >>> 5;
    if (at >= this.words.length) this.grow(at);
    const bit = 1 << (id & 31);
    const word = this.words[at];
    if ((word & bit) === 0) {
      this.words[at] = word | bit;
      this.count++;
    }
    return this;
  }

  delete(id: number): boolean {
    const at = id >>> 5;
    if (at >= this.words.length) return false;
    const bit = 1 << (id & 31);
    const word = this.words[at];
    if ((word & bit) === 0) return false;
    this.words[at] = word & ~bit;
    this.count--;
    return true;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    const words = this.words;
    for (let at = 0, left = this.count; left > 0 && at < words.length; at++) {
      let word = words[at];
      while (word !== 0) {
        // The lowest set bit, then clear it.
        const low = word & -word;
        yield (at << 5) + 31 - Math.clz32(low);
        word ^= low;
        left--;
      }
    }
  }

  private grow(at: number): void {
    const words = new Uint32Array(Math.max(at + 1, this.words.length * 2));
    words.set(this.words);
    this.words = words;
  }
}
