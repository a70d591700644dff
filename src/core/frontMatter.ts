// Front matter: find it, parse it safely. Nothing here ever evaluates code from a file.
//
// js-yaml 4 reads front matter because it is several times faster than `yaml` on large knowledge
// bases, and its default schema has no tags that build functions or classes. Strict YAML 1.2 is
// only consulted when the cheap shape check below suspects text that js-yaml is lenient about,
// because edits go through `yaml`'s Document API and must never touch text it would misread.
import * as jsYaml from 'js-yaml';
import { parseDocument } from 'yaml';
import { readSimpleYaml, type KeyLines } from './simpleYaml';
import { CONFLICT_ADVICE, conflictMarkerLine } from './conflictMarkers';
import { FRONT_MATTER_SCHEMA } from './yamlSchema';

export { splitFrontMatter, type FrontMatterBlock } from './frontMatterBlock';

export type YamlReadResult =
  /** `keyLines`: each key's line, when asked for (keyLinesFrom) and the text was plain enough to note them while reading. */
  | { ok: true; data: Record<string, unknown>; strict: boolean; strictErrorLine?: number; keyLines?: Record<string, number> }
  | { ok: false; line: number; message: string };

/** Limits what a hostile front matter can cost: a few anchors are normal, thousands are an attack. */
const MAX_ALIASES = 100;

/**
 * Parses front matter YAML into plain data. `line` in errors is relative to the YAML text (1-based).
 * `strict` is false when js-yaml accepted text that YAML 1.2 rejects.
 *
 * `plain: false` skips copying the result into plain data, for the indexer, which reads a few
 * fields of every entry: values are then as js-yaml gives them (dates as Date objects, ordinary
 * prototypes, so read keys with Object.hasOwn).
 */
export function readYaml(yaml: string, { plain = true, keyLinesFrom }: { plain?: boolean; keyLinesFrom?: number } = {}): YamlReadResult {
  // Most front matter is plain `key: value` lines, which a far cheaper reader gives exactly as
  // js-yaml would, and which are valid YAML 1.2 as well (see simpleYaml.ts). Asked to, it notes
  // the keys' lines as it goes, as topLevelKeyLines would find them.
  const keyLines: KeyLines | undefined = keyLinesFrom === undefined ? undefined : { firstLine: keyLinesFrom, lines: {} };
  const simple = readSimpleYaml(yaml, keyLines);
  if (simple) return { ok: true, data: plain ? (toPlainData(simple) as Record<string, unknown>) : simple, strict: true, keyLines: keyLines?.lines };
  if (countAliases(yaml) > MAX_ALIASES) {
    return { ok: false, line: 1, message: `front matter uses more than ${MAX_ALIASES} YAML aliases; refused to expand it` };
  }
  let value: unknown;
  try {
    value = jsYaml.load(yaml, { schema: FRONT_MATTER_SCHEMA, json: false });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const conflictLine = conflictMarkerLine(yaml);
    if (conflictLine !== undefined) return { ok: false, line: conflictLine, message: `front matter ${CONFLICT_ADVICE}` };
    return { ok: false, line: (mark?.line ?? 0) + 1, message: `invalid YAML: ${reason}` };
  }
  if (value === undefined || value === null) return { ok: true, data: {}, strict: true };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, line: 1, message: 'front matter must be a mapping of fields (key: value)' };
  }
  const strictError = looksLenient(yaml) ? strictYamlError(yaml) : undefined;
  const data = (plain ? toPlainData(value) : value) as Record<string, unknown>;
  return { ok: true, data, strict: strictError === undefined, strictErrorLine: strictError };
}

function countAliases(yaml: string): number {
  if (!yaml.includes('*')) return 0;
  const matches = yaml.match(/(^|[\s,[{])\*[^\s,\]}]+/g);
  return matches ? matches.length : 0;
}

/**
 * The shape js-yaml forgives and YAML 1.2 does not: a continuation line of a flow collection
 * or a plain scalar that starts in column 0 without being a key, comment or sequence item.
 */
function looksLenient(yaml: string): boolean {
  let offset = 0;
  while (offset < yaml.length) {
    let end = yaml.indexOf('\n', offset);
    if (end < 0) end = yaml.length;
    const first = yaml.charCodeAt(offset);
    // Lines starting with a space, tab, newline, '#', '-' or a key are ordinary.
    if (first !== 32 && first !== 9 && first !== 10 && first !== 13 && first !== 35 && first !== 45) {
      const line = yaml.slice(offset, end);
      if (!/^(?:[^\s:#'"[\]{},][^:#]*|"[^"]*"|'[^']*'):(?:\s|$)/.test(line)) return true;
    }
    offset = end + 1;
  }
  return false;
}

/** The 1-based line (within the YAML) of the first error a strict YAML 1.2 parser reports, if any. */
function strictYamlError(yaml: string): number | undefined {
  const doc = parseDocument(yaml, { prettyErrors: true, uniqueKeys: false });
  return doc.errors.length ? doc.errors[0].linePos?.[0]?.line ?? 1 : undefined;
}

/**
 * Returns JSON-like data: dates become YYYY-MM-DD or ISO strings, `__proto__` stays an own key.
 * String values may be pieces of the YAML text: whoever keeps one detaches it.
 */
function toPlainData(value: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  if (value instanceof Date) return dateText(value);
  if (Array.isArray(value)) return value.map((item) => toPlainData(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: toPlainData((value as Record<string, unknown>)[key], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (typeof value === 'bigint') return String(value);
  return value;
}

/** A YAML date as written in front matter: YYYY-MM-DD for a day, else an ISO timestamp. */
export function dateText(value: Date): string | null {
  return isNaN(value.getTime()) ? null : value.toISOString().replace(/T00:00:00\.000Z$/, '');
}

/**
 * Top-level keys and the 1-based line each sits on, found by a cheap scan (no YAML parse). An
 * ordinary object on purpose: objects with the same keys share one layout, where a prototype-free
 * dictionary costs several hundred bytes per entry. Read it with Object.hasOwn; a `__proto__` key
 * is left out, as it names no field Commons reads.
 */
export function topLevelKeyLines(yaml: string, firstLine: number): Record<string, number> {
  const lines: Record<string, number> = {};
  const keyPattern = /^(?:"([^"]+)"|'([^']+)'|([^\s:#'"[\]{},-][^:]*?))\s*:(?:\s|$)/;
  let offset = 0;
  let line = firstLine;
  while (offset < yaml.length) {
    let end = yaml.indexOf('\n', offset);
    if (end < 0) end = yaml.length;
    const code = yaml.charCodeAt(offset);
    if (code !== 32 && code !== 9 && code !== 35) {
      const match = keyPattern.exec(yaml.slice(offset, end));
      if (match) {
        const key = match[1] ?? match[2] ?? match[3];
        if (key !== '__proto__' && !Object.hasOwn(lines, key)) lines[key] = line;
      }
    }
    offset = end + 1;
    line++;
  }
  return lines;
}
