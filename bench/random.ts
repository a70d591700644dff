// A small seeded random source, so generated knowledge bases and histories are identical on every
// machine and every run: figures stay comparable between runs only if the input is the same.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Mulberry32: fast, tiny, and good enough for picking words and sizes. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^exponent. Real tag and author
 * usage is heavily skewed like this: a few tags are on a large share of entries, most on few.
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(readonly size: number, exponent = 1) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank++) this.cumulative[rank] /= total;
  }

  draw(random: Random): number {
    const target = random.next();
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** `count` distinct ranks (fewer if the distribution is smaller than that). */
  drawDistinct(random: Random, count: number): number[] {
    const chosen = new Set<number>();
    for (let attempts = 0; chosen.size < Math.min(count, this.size) && attempts < count * 20; attempts++) chosen.add(this.draw(random));
    return [...chosen];
  }
}
