// Format-preserving front-matter edits. The YAML is parsed with `yaml`'s Document API only to
// learn where each node sits; the change itself is a replacement of exactly those characters, so
// comments, quoting, key order, dates, list style and line endings stay as written.
import * as jsYaml from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq, parse, parseDocument, type Document, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import { dateText } from '../frontMatter';
import { yamlErrorText } from '../yamlErrors';
import { splitFrontMatter } from '../frontMatter';
import { lineEndingOf, lineStart, nextLineStart, type TextEdit } from './textEdit';

export type EditResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

export class FrontMatterEditor {
  private constructor(
    private readonly text: string,
    /** Offset of the YAML inside `text` (after a BOM and the opening fence). */
    private readonly base: number,
    private readonly yaml: string,
    private readonly doc: Document | undefined,
    private readonly hasFrontMatter: boolean,
  ) {}

  /** Returns an editor, or the reason the file's front matter must not be edited. */
  static open(text: string): FrontMatterEditor | { reason: string } {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const block = splitFrontMatter(text.slice(bom));
    if (!block) return new FrontMatterEditor(text, bom, '', undefined, false);
    if (!block.closeLine) return { reason: 'its front matter never closes (no closing --- line)' };
    if (block.language && block.language.toLowerCase() !== 'yaml') return { reason: `its front matter is "${block.language}", not YAML` };
    const doc = parseDocument(block.yaml, { uniqueKeys: false, prettyErrors: true });
    if (doc.errors.length) {
      // Counted in the file, as check counts: the YAML starts on the line after the opening fence.
      const line = (doc.errors[0].linePos?.[0]?.line ?? 1) + block.openLine;
      return { reason: `its front matter is not valid YAML (line ${line}): ${yamlErrorText(doc.errors[0])}` };
    }
    if (doc.contents !== null && !isMap(doc.contents) && !(isScalar(doc.contents) && doc.contents.value === null)) {
      return { reason: 'its front matter is not a mapping of fields' };
    }
    return new FrontMatterEditor(text, bom + block.yamlStart, block.yaml, doc, true);
  }

  private get eol(): string {
    return lineEndingOf(this.text);
  }

  private pair(key: string): Pair | undefined {
    const contents = this.doc?.contents;
    if (!isMap(contents)) return undefined;
    return contents.items.find((item) => isScalar(item.key) && String(item.key.value) === key) as Pair | undefined;
  }

  /** Current list of values of a list-or-comma-string field, as written. */
  listValues(key: string): string[] {
    const value = this.pair(key)?.value;
    if (isSeq(value)) return value.items.filter(isScalar).map(itemText);
    if (isScalar(value) && value.value !== null) return splitCommaList(String(value.value)).items;
    return [];
  }

  addToList(key: string, values: string[]): EditResult {
    if (isShared(this.pair(key)?.value)) return { ok: false, reason: anchoredText(key) };
    const existing = new Set(this.listValues(key));
    const toAdd = values.filter((value, i) => !existing.has(value) && values.indexOf(value) === i);
    if (!toAdd.length) return { ok: true, edits: [] };
    const pair = this.pair(key);
    if (isBlockScalar(pair?.value)) return { ok: false, reason: blockScalarText(key) };
    if (!pair) return { ok: true, edits: [this.insertField(key, toAdd)] };
    const value = pair.value;
    if (isSeq(value)) return { ok: true, edits: [value.flow ? this.appendFlow(value, toAdd) : this.appendBlock(value, toAdd)] };
    if (isScalar(value)) {
      if (value.value === null) return { ok: true, edits: [this.fillEmptyValue(pair, toAdd)] };
      if (typeof value.value === 'string') {
        const comma = toAdd.find((item) => item.includes(','));
        if (comma !== undefined) return { ok: false, reason: commaInText(key, comma) };
        const list = splitCommaList(value.value);
        return { ok: true, edits: [this.replaceScalar(value, list.join([...list.items, ...toAdd]))] };
      }
    }
    return { ok: false, reason: `"${key}" is neither a list nor text` };
  }

  removeFromList(key: string, values: string[]): EditResult {
    const pair = this.pair(key);
    const value = pair?.value;
    if (isShared(value)) return { ok: false, reason: anchoredText(key) };
    if (!pair || (!isSeq(value) && !isScalar(value))) return { ok: true, edits: [] };
    const remove = new Set(values);
    const shared = this.sharedItem(value, remove);
    if (shared) return { ok: false, reason: shared };
    const remaining = this.listValues(key).filter((item) => !remove.has(item));
    if (remaining.length === this.listValues(key).length) return { ok: true, edits: [] };
    if (isBlockScalar(value)) return { ok: false, reason: blockScalarText(key) };
    if (remaining.length === 0) return { ok: true, edits: [this.deleteField(pair)] };
    if (isScalar(value)) {
      const list = splitCommaList(String(value.value));
      return { ok: true, edits: [this.replaceScalar(value, list.join(list.items.filter((item) => !remove.has(item))))] };
    }
    const seq = value as YAMLSeq;
    const edits: TextEdit[] = [];
    const items = seq.items as Scalar[];
    if (seq.flow) {
      // Remove each item with the separator after it, or before it for the last kept position.
      const keep = items.map((item) => !(isScalar(item) && remove.has(itemText(item))));
      for (let i = 0; i < items.length; i++) {
        if (keep[i]) continue;
        const [start, end] = this.range(items[i]);
        const next = items.slice(i + 1).find((_, j) => keep[i + 1 + j]);
        if (next) edits.push({ start, end, text: '' }, ...this.separatorRemoval(end, this.range(next)[0]));
        else {
          const previousKept = [...items.slice(0, i)].reverse().find((_, j) => keep[i - 1 - j]);
          if (previousKept) edits.push(...this.separatorRemoval(this.range(previousKept)[1], start));
          edits.push({ start, end, text: '' });
        }
      }
      return { ok: true, edits: mergeOverlapping(edits) };
    }
    for (const item of items) {
      if (!isScalar(item) || !remove.has(itemText(item))) continue;
      const [start, end] = this.range(item);
      edits.push({ start: lineStart(this.text, start), end: nextLineStart(this.text, end), text: '' });
    }
    return { ok: true, edits };
  }

  /** Renames (or, when `to` is already there, merges) one value of a list field. */
  renameInList(key: string, from: string, to: string): EditResult {
    if (isShared(this.pair(key)?.value)) return { ok: false, reason: anchoredText(key) };
    const shared = this.sharedItem(this.pair(key)?.value, new Set([from]));
    if (shared) return { ok: false, reason: shared };
    const current = this.listValues(key);
    // A tag renamed to itself stays (it is also in the list, and a merge would remove it).
    if (from === to || !current.includes(from)) return { ok: true, edits: [] };
    if (current.includes(to)) return this.removeFromList(key, [from]);
    const value = this.pair(key)!.value;
    if (isBlockScalar(value)) return { ok: false, reason: blockScalarText(key) };
    if (isScalar(value)) {
      if (to.includes(',')) return { ok: false, reason: commaInText(key, to) };
      // Plain text is edited where the tag is, so the separators around the other tags stay as written.
      const [start, end] = this.range(value);
      const source = this.text.slice(start, end);
      // Over several lines, plain text folds each line break into a space: its items are the same, where they are written.
      if (value.type === 'PLAIN' && sameItems(commaItems(source), commaItems(String(value.value)))) {
        const edits = commaItems(source)
          .filter((item) => item.text === from)
          .map((item) => ({ start: start + item.start, end: start + item.start + from.length, text: to }));
        // The text must still read as these tags: a new name that would not stay plain is written the whole-value way.
        if (formatScalar(to, 'PLAIN', true) === to) return { ok: true, edits };
      }
      const list = splitCommaList(String(value.value));
      return { ok: true, edits: [this.replaceScalar(value, list.join(list.items.map((item) => (item === from ? to : item))))] };
    }
    const edits = ((value as YAMLSeq).items as Scalar[])
      .filter((item) => isScalar(item) && itemText(item) === from)
      .map((item) => {
        const [start, end] = this.range(item);
        return { start, end, text: formatScalar(to, item.type) };
      });
    return { ok: true, edits };
  }

  /** Sets a single-value field such as `reviewed`, keeping its quoting when it exists. */
  setField(key: string, value: string): EditResult {
    const pair = this.pair(key);
    if (!pair) return { ok: true, edits: [this.insertLine(`${key}: ${formatScalar(value, 'PLAIN')}`)] };
    if (isBlockScalar(pair.value)) return { ok: false, reason: blockScalarText(key) };
    if (isScalar(pair.value) && pair.value.value !== null) return { ok: true, edits: [this.replaceScalar(pair.value, value)] };
    if (isScalar(pair.value)) return { ok: true, edits: [{ start: this.keyEnd(pair), end: this.keyEnd(pair), text: ` ${formatScalar(value, 'PLAIN')}` }] };
    return { ok: false, reason: `"${key}" holds a list or mapping, not a single value` };
  }

  /** Adds a missing field with an empty value for the writer to fill in: `tags: []` or `owner: ""`. */
  addEmptyField(key: string, isList: boolean): EditResult {
    if (this.pair(key)) return { ok: true, edits: [] };
    return { ok: true, edits: [this.insertLine(`${key}: ${isList ? '[]' : '""'}`)] };
  }

  // ----------------------------------------------------------------------------------------

  /**
   * Removes the separator between two flow list items: all of it, or only its comma when it holds
   * a comment, which stays (it may speak of the item that stays).
   */
  private separatorRemoval(start: number, end: number): TextEdit[] {
    const between = this.text.slice(start, end);
    if (!between.includes('#')) return [{ start, end, text: '' }];
    const comma = between.indexOf(',');
    return comma >= 0 && comma < between.indexOf('#') ? [{ start: start + comma, end: start + comma + 1, text: '' }] : [];
  }

  /**
   * Why an edit of these list items would reach beyond them: an item that carries an anchor
   * (`[&main k8s]`) may be repeated in another field, and one written as an alias (`[*t]`) is
   * another field's value. Undefined when no item the edit touches is either.
   */
  private sharedItem(list: unknown, touched: ReadonlySet<string>): string | undefined {
    if (!isSeq(list)) return undefined;
    for (const item of list.items) {
      if (isAlias(item)) {
        const target = this.doc ? item.resolve(this.doc) : undefined;
        if (isScalar(target) && touched.has(itemText(target))) return `"${itemText(target)}" is written there as a YAML alias (*${item.source}) of another field's value: edit it by hand`;
      } else if (isScalar(item) && typeof item.anchor === 'string' && touched.has(itemText(item))) {
        return `"${itemText(item)}" carries a YAML anchor (&${item.anchor}) that another field may repeat: edit it by hand`;
      }
    }
    return undefined;
  }

  private range(node: { range?: [number, number, number] | null }): [number, number] {
    const range = node.range!;
    return [this.base + range[0], this.base + range[1]];
  }

  private keyEnd(pair: Pair): number {
    const keyRange = this.range(pair.key as Scalar);
    const colon = this.text.indexOf(':', keyRange[1]);
    return colon + 1;
  }

  /** Replaces a field's value. Field values sit in the block mapping, where plain text may hold commas. */
  private replaceScalar(node: Scalar, value: string): TextEdit {
    const [start, end] = this.range(node);
    const blockContext = isMap(this.doc?.contents) && !this.doc.contents.flow;
    return { start, end, text: formatScalar(value, node.type, blockContext) };
  }

  private appendFlow(seq: YAMLSeq, values: string[]): TextEdit {
    const items = seq.items as Scalar[];
    const style = items.find(isScalar)?.type ?? 'PLAIN';
    const formatted = values.map((value) => formatScalar(value, style));
    if (!items.length) {
      const [start] = this.range(seq);
      return { start: start + 1, end: start + 1, text: formatted.join(', ') };
    }
    const last = items[items.length - 1];
    const [, end] = this.range(last);
    return { start: end, end, text: formatted.map((item) => `, ${item}`).join('') };
  }

  private appendBlock(seq: YAMLSeq, values: string[]): TextEdit {
    const items = seq.items as Scalar[];
    const last = items[items.length - 1];
    const [itemStart, itemEnd] = this.range(last);
    const lineBegin = lineStart(this.text, itemStart);
    const prefix = this.text.slice(lineBegin, itemStart); // e.g. "  - "
    const insertAt = nextLineStart(this.text, itemEnd);
    const lineBreakMissing = insertAt === this.text.length && !this.text.endsWith('\n');
    const lines = values.map((value) => `${prefix}${formatScalar(value, last.type)}${this.eol}`).join('');
    return { start: insertAt, end: insertAt, text: (lineBreakMissing ? this.eol : '') + lines };
  }

  private fillEmptyValue(pair: Pair, values: string[]): TextEdit {
    const at = this.keyEnd(pair);
    return { start: at, end: at, text: ` [${values.map((value) => formatScalar(value, 'PLAIN')).join(', ')}]` };
  }

  private insertField(key: string, values: string[]): TextEdit {
    const blockPrefix = this.blockListPrefix();
    if (blockPrefix !== undefined) {
      return this.insertLine(`${key}:${values.map((value) => `${this.eol}${blockPrefix}${formatScalar(value, 'PLAIN')}`).join('')}`);
    }
    return this.insertLine(`${key}: [${values.map((value) => formatScalar(value, 'PLAIN')).join(', ')}]`);
  }

  /** How this file writes block list items ("  - " or "- "), if it has any: new lists follow suit. */
  private blockListPrefix(): string | undefined {
    const contents = this.doc?.contents;
    if (!isMap(contents)) return undefined;
    for (const item of contents.items) {
      const value = item.value;
      if (isSeq(value) && !value.flow && value.items.length && isScalar(value.items[0])) {
        const [start] = this.range(value.items[0] as Scalar);
        return this.text.slice(lineStart(this.text, start), start);
      }
    }
    return undefined;
  }

  /** Adds a line at the end of the front matter, creating the front matter when there is none. */
  private insertLine(line: string): TextEdit {
    if (!this.hasFrontMatter) return { start: this.base, end: this.base, text: `---${this.eol}${line}${this.eol}---${this.eol}` };
    const end = this.base + this.yaml.length;
    const needsBreak = this.yaml.length > 0 && !this.yaml.endsWith('\n');
    return { start: end, end, text: `${needsBreak ? this.eol : ''}${line}${this.eol}` };
  }

  /** Deletes a whole field; when it was the only one, the empty front matter goes too. */
  private deleteField(pair: Pair): TextEdit {
    const keyStart = lineStart(this.text, this.range(pair.key as Scalar)[0]);
    const valueEnd = pair.value ? this.range(pair.value as Scalar)[1] : this.keyEnd(pair);
    const end = nextLineStart(this.text, Math.max(valueEnd - 1, keyStart));
    const remainingYaml = this.yaml.slice(0, keyStart - this.base) + this.yaml.slice(end - this.base);
    if (remainingYaml.trim() === '') {
      const bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const fenceEnd = nextLineStart(this.text, this.base + this.yaml.length);
      return { start: bom, end: fenceEnd, text: '' };
    }
    return { start: keyStart, end, text: '' };
  }
}

/** A list item's text as the index reads a tag: without the spaces around it (`" k8s "` is `k8s`). */
function itemText(item: Scalar): string {
  return String(item.value).trim();
}

/** `|` and `>` values: their text runs over lines of their own, which a one-line replacement would break. */
function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

/** `tags: *name` repeats a value written elsewhere; `tags: &name [...]` may be repeated elsewhere: an edit would change both. */
function isShared(node: unknown): boolean {
  return isAlias(node) || (node !== null && typeof node === 'object' && typeof (node as { anchor?: unknown }).anchor === 'string');
}

function anchoredText(key: string): string {
  return `its "${key}" is shared with another field through a YAML anchor (&name, *name): edit it by hand`;
}

function blockScalarText(key: string): string {
  return `its "${key}" is written as a block of text (| or >): edit it by hand`;
}

/** The items of comma-separated text with where each starts, trimmed as splitCommaList trims them. */
function commaItems(value: string): Array<{ text: string; start: number }> {
  const items: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const piece of value.split(',')) {
    const text = piece.trim();
    if (text) items.push({ text, start: start + piece.indexOf(text) });
    start += piece.length + 1;
  }
  return items;
}

function sameItems(a: Array<{ text: string }>, b: Array<{ text: string }>): boolean {
  return a.length === b.length && a.every((item, i) => item.text === b[i].text);
}

/** Why a value with a comma cannot go into comma-separated text: it would read back as two. */
function commaInText(key: string, value: string): string {
  return `its "${key}" is comma-separated text, where "${value}" would read as more than one tag`;
}

/** A comma-separated field ("a, b,c"), keeping the separator it was written with. */
function splitCommaList(value: string): { items: string[]; join(items: string[]): string } {
  const separator = /,\s*/.exec(value)?.[0] ?? ', ';
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  return { items, join: (next) => next.join(separator) };
}

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_ ./+()-]*$/;
const RESERVED_PLAIN = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?)$/i;

/** Writes a value in the given scalar style, falling back to double quotes when plain would misread. */
export function formatScalar(value: string, style: Scalar['type'] | undefined, allowComma = false): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  const plainText = allowComma ? value.replace(/,/g, '') : value;
  if (PLAIN_SAFE.test(plainText) && !RESERVED_PLAIN.test(value) && !value.endsWith(' ') && readsBackAsWritten(value)) return value;
  return JSON.stringify(value);
}

/**
 * Whether plain `value` reads back as this text, as Commons reads front matter (js-yaml: a date
 * reads as its day) and as YAML 1.2 does; numbers in any notation (`0x1F`, `1.10`, `007`,
 * `1_000`) and timestamps do not.
 */
function readsBackAsWritten(value: string): boolean {
  // A rename writes one value into thousands of files: each value is read back once.
  let answer = readBack.get(value);
  if (answer === undefined) {
    if (readBack.size >= 1000) readBack.clear();
    readBack.set(value, (answer = readsBackUncached(value)));
  }
  return answer;
}

const readBack = new Map<string, boolean>();

function readsBackUncached(value: string): boolean {
  let read: unknown;
  try {
    read = jsYaml.load(value);
    if (parse(value) !== value && !(read instanceof Date)) return false;
  } catch {
    return false;
  }
  return read instanceof Date ? dateText(read) === value : read === value;
}

function mergeOverlapping(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && edit.start <= last.end) last.end = Math.max(last.end, edit.end);
    else merged.push({ ...edit });
  }
  return merged;
}
