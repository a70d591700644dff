// Where a cursor sits in an entry, for completion and hovers: which front-matter field, or inside a
// `[[` wikilink or a `](` link target. Pure text analysis so it is unit-tested without an editor.
import { splitFrontMatter } from './frontMatter';

export type CursorContext =
  | { kind: 'fieldName'; prefix: string }
  | { kind: 'fieldValue'; field: string; prefix: string; prefixStart: number }
  | { kind: 'wikilink'; prefix: string; prefixStart: number }
  | { kind: 'linkPath'; prefix: string; prefixStart: number }
  | { kind: 'none' };

/**
 * @param text the whole document
 * @param offset the cursor's offset in `text`
 */
export function cursorContext(text: string, offset: number): CursorContext {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const block = splitFrontMatter(text.slice(bom));
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (block && block.closeLine && !block.language && offset >= bom + block.yamlStart && offset <= bom + block.yamlStart + block.yaml.length) {
    return frontMatterContext(text, lineStart, before, offset);
  }
  const wiki = /\[\[([^\]|#\n]*)$/.exec(before);
  if (wiki) return { kind: 'wikilink', prefix: wiki[1], prefixStart: offset - wiki[1].length };
  const link = /\]\(([^)\s]*)$/.exec(before);
  if (link && !/^[a-z][a-z0-9+.-]*:/i.test(link[1])) return { kind: 'linkPath', prefix: link[1], prefixStart: offset - link[1].length };
  return { kind: 'none' };
}

function frontMatterContext(text: string, lineStart: number, before: string, offset: number): CursorContext {
  // A top-level key being typed: no indentation and no colon yet.
  if (/^[A-Za-z_][\w-]*$/.test(before) || before === '') {
    const restOfLine = text.slice(offset, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset));
    if (!restOfLine.includes(':')) return { kind: 'fieldName', prefix: before };
  }
  const sameLineKey = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(before);
  let field: string | undefined;
  let valueText: string;
  if (sameLineKey) {
    field = sameLineKey[1];
    valueText = sameLineKey[2];
  } else {
    // A continuation line (block list item or wrapped flow list): the field is the nearest key above.
    field = nearestKeyAbove(text, lineStart);
    valueText = before.replace(/^\s*-\s*/, '');
  }
  if (!field) return { kind: 'none' };
  // The word being typed: after the last separator of a flow list, a comma list or a quote.
  const word = /[^\s,[\]"'{}]*$/.exec(valueText)![0];
  const hashPrefixed = word.startsWith('#');
  const prefix = hashPrefixed ? word.slice(1) : word;
  return { kind: 'fieldValue', field, prefix, prefixStart: offset - word.length };
}

function nearestKeyAbove(text: string, lineStart: number): string | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line === '---') return undefined;
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (key) return key[1];
    end = start - 1;
  }
  return undefined;
}

/** The 0-based line and columns of a value written on or after `fromLine` (1-based), within the front matter. */
export function locateValue(text: string, fromLine: number, toLine: number, value: string): { line: number; start: number; end: number } | undefined {
  const lines = text.split('\n');
  for (let i = Math.max(0, fromLine - 1); i < Math.min(lines.length, toLine); i++) {
    const at = findWord(lines[i], value);
    if (at >= 0) return { line: i, start: at, end: at + value.length };
  }
  return undefined;
}

/** Finds `value` as a whole list item or scalar, not as part of a longer tag nor in a comment. */
function findWord(line: string, value: string): number {
  const end = commentStart(line);
  let from = 0;
  for (;;) {
    const at = line.indexOf(value, from);
    if (at < 0 || at + value.length > end) return -1;
    const before = at === 0 ? ' ' : line[at - 1];
    const after = line[at + value.length] ?? ' ';
    if (/[\s,[\]"':-]/.test(before) && /[\s,[\]"'#]/.test(after)) return at;
    from = at + 1;
  }
}

/** Where a YAML comment starts on a line: a `#` at its start or after a space or tab, outside quotes; else the line's length. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
  }
  return line.length;
}
