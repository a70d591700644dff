// Many entries' packed headings and links in one block of UTF-8 bytes, laid out as a snapshot's
// texts are (see snapshot.ts): per entry a line of headings, then a line of links, each ending in
// a line break (JSON writes none of its own). An entry points into the block (RestoredEntry.inBlock)
// rather than holding two strings: the reader thread hands a chunk's block over without copying,
// and the indexer's heap never holds the texts, which garbage collection would otherwise copy
// twice over as they age.

const encoder = new TextEncoder();
const LINE_BREAK = 10;

/** Where an entry's texts are in a block: as RestoredEntry.inBlock takes them. */
export interface PackedTextPlace {
  headingsAt: number;
  linksAt: number;
  linksEnd: number;
}

export class PackedTextBlock {
  private bytes = new Uint8Array(64 << 10);
  private used = 0;

  /** Appends an entry's packed headings and links; returns where they are. */
  add(headings: string, links: string): PackedTextPlace {
    const headingsAt = this.used;
    this.appendLine(headings);
    const linksAt = this.used;
    this.appendLine(links);
    return { headingsAt, linksAt, linksEnd: this.used - 1 };
  }

  /** The bytes added since the last take, in a buffer of their own size; the block starts over empty. */
  take(): ArrayBuffer {
    const taken = this.bytes.buffer.slice(0, this.used) as ArrayBuffer;
    this.used = 0;
    return taken;
  }

  private appendLine(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const room = this.used + 3 * text.length + 1;
    if (room > this.bytes.length) {
      const larger = new Uint8Array(Math.max(room, 2 * this.bytes.length));
      larger.set(this.bytes.subarray(0, this.used));
      this.bytes = larger;
    }
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
    this.bytes[this.used++] = LINE_BREAK;
  }
}
