// A fast reader for the plain shape most front matter has: one `key: value` per line, values that
// are quoted or plain text, true/false/null or a whole number, and lists of such values, in
// brackets on one line or as `- item` lines. js-yaml reads every file of a large knowledge base, and
// most of its time goes into machinery this shape never needs (block scalars, anchors, tags, flow
// mappings, escapes, multi-line text). Anything outside the shape, or in doubt, is left to js-yaml:
// this reader answers undefined and the caller parses the text as before. Whatever it does answer
// is what js-yaml gives for the same text (tests compare both on every file of the real knowledge
// bases and on generated text), and is valid YAML 1.2 as well, which the `yaml` library confirms in
// the same tests.
import { IMPLICIT_TYPES } from './yamlSchema';

/**
 * Characters this reader leaves to js-yaml: controls (tab included: where YAML allows one is
 * subtle), what js-yaml calls non-printable, surrogates (a broken pair is an error there) and the
 * byte order mark, and the Unicode line and paragraph separators. Line feeds and the carriage return of CRLF are handled on their own.
 */
const UNUSUAL_CHARACTER = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

/** A key this reader takes: a letter or underscore, then letters, digits and `_ . - /`. */
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;

/** Keys that js-yaml would first read as true, false or null: left to it. */
const WORD_KEYS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

/** Marks a value this reader does not take. */
const NOT_SIMPLE = Symbol('not simple');
type Scalar = string | number | boolean | Date | null;

/** Where readSimpleYaml notes the line of each key (as topLevelKeyLines does), the first line being `firstLine`. */
export interface KeyLines {
  firstLine: number;
  lines: Record<string, number>;
}

/**
 * The data of simple front matter, built as js-yaml builds it (an ordinary object, keys in order);
 * undefined when the text is anything else. With `keyLines`, each key's line is noted there too.
 */
export function readSimpleYaml(yaml: string, keyLines?: KeyLines): Record<string, unknown> | undefined {
  if (UNUSUAL_CHARACTER.test(yaml)) return undefined;
  if (yaml.includes('\r') && /\r(?!\n)/.test(yaml)) return undefined;
  const data: Record<string, unknown> = {};
  let line = keyLines?.firstLine ?? 1;
  // A key written without a value: the `- item` lines that follow are its list; without any it is null.
  let openKey: string | undefined;
  let items: Scalar[] | undefined;
  let itemIndent = -1;
  const closeOpenKey = () => {
    if (openKey !== undefined) data[openKey] = items ?? null;
    openKey = undefined;
    items = undefined;
    itemIndent = -1;
  };
  const length = yaml.length;
  let offset = 0;
  while (offset < length) {
    let end = yaml.indexOf('\n', offset);
    if (end < 0) end = length;
    const lineEnd = end > offset && yaml.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const first = yaml.charCodeAt(offset);
    if (offset === lineEnd || first === 35 /* # */) {
      // A blank line or a comment in the first column changes nothing.
    } else if (first === 32 || first === 45 /* - */) {
      // Only an item of a list that a key without a value opened, all items indented alike.
      if (openKey === undefined) return undefined;
      let dash = offset;
      while (yaml.charCodeAt(dash) === 32) dash++;
      if (yaml.charCodeAt(dash) !== 45 || (itemIndent >= 0 && dash - offset !== itemIndent)) return undefined;
      const afterDash = yaml.charCodeAt(dash + 1);
      if (dash + 1 >= lineEnd || afterDash !== 32) return undefined;
      const item = scalarValue(yaml, dash + 2, lineEnd);
      if (item === NOT_SIMPLE) return undefined;
      itemIndent = dash - offset;
      (items ??= []).push(item);
    } else {
      closeOpenKey();
      const colon = yaml.indexOf(':', offset);
      if (colon < 0 || colon >= lineEnd) return undefined;
      const key = yaml.slice(offset, colon);
      // YAML 1.2 (the `yaml` library) allows implicit keys of at most 1024 characters.
      if (key.length > 1024 || !SIMPLE_KEY.test(key) || key === '__proto__' || WORD_KEYS.has(key) || Object.hasOwn(data, key)) return undefined;
      let valueStart = colon + 1;
      if (valueStart < lineEnd && yaml.charCodeAt(valueStart) !== 32) return undefined;
      while (valueStart < lineEnd && yaml.charCodeAt(valueStart) === 32) valueStart++;
      if (valueStart === lineEnd) {
        openKey = key;
      } else {
        const value = yaml.charCodeAt(valueStart) === 91 /* [ */ ? flowList(yaml, valueStart, lineEnd) : scalarValue(yaml, valueStart, lineEnd);
        if (value === NOT_SIMPLE) return undefined;
        data[key] = value;
      }
      if (keyLines) keyLines.lines[key] = line;
    }
    offset = end + 1;
    line++;
  }
  closeOpenKey();
  return data;
}

/** The value from `start` to `end` (the end of its line): quoted or plain, nothing after it but spaces. */
function scalarValue(yaml: string, start: number, end: number): Scalar | typeof NOT_SIMPLE {
  const quote = yaml.charCodeAt(start);
  if (quote === 34 /* " */ || quote === 39 /* ' */) {
    const close = closingQuote(yaml, start, end);
    if (close < 0 || !onlySpaces(yaml, close + 1, end)) return NOT_SIMPLE;
    return yaml.slice(start + 1, close);
  }
  let last = end;
  while (last > start && yaml.charCodeAt(last - 1) === 32) last--;
  return plainScalar(yaml.slice(start, last));
}

/**
 * Where the quoted text opening at `start` closes on its line, or -1. Escapes (a backslash in
 * double quotes, a doubled quote in single ones) are left to js-yaml.
 */
function closingQuote(yaml: string, start: number, end: number): number {
  const quote = yaml[start];
  const close = yaml.indexOf(quote, start + 1);
  if (close < 0 || close >= end) return -1;
  if (quote === '"' && yaml.slice(start + 1, close).includes('\\')) return -1;
  if (quote === "'" && yaml.charCodeAt(close + 1) === 39) return -1;
  return close;
}

/**
 * A plain (unquoted) value, read as js-yaml reads one: through its own resolvers for null, booleans,
 * numbers and dates, in its order, else as text. Values that could hold a comment or a nested
 * mapping, or that start with a character YAML gives a meaning, are not simple.
 */
function plainScalar(text: string): Scalar | typeof NOT_SIMPLE {
  if (!text || !PLAIN_START.test(text)) return NOT_SIMPLE;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return NOT_SIMPLE;
  for (const type of IMPLICIT_TYPES) if (type.resolve(text)) return type.construct(text) as Scalar;
  return text;
}

/**
 * How a plain value may start: not with a space or a character YAML reserves (quotes, brackets,
 * anchors, tags, block scalars, comments, directives, `<<` merges), and with `-` only before a
 * character that makes it a value rather than a list item.
 */
const PLAIN_START = /^(?:[^\s\-?:,[\]{}#&*!|>'"%@`<]|-[^\s,[\]{}])/;


/** `[a, "b", 'c']` on one line, with nothing after the closing bracket but spaces. */
function flowList(yaml: string, start: number, end: number): Scalar[] | typeof NOT_SIMPLE {
  const items: Scalar[] = [];
  let i = skipSpaces(yaml, start + 1, end);
  if (yaml.charCodeAt(i) === 93 /* ] */) return onlySpaces(yaml, i + 1, end) ? items : NOT_SIMPLE;
  while (i < end) {
    const quote = yaml.charCodeAt(i);
    let item: Scalar | typeof NOT_SIMPLE;
    if (quote === 34 || quote === 39) {
      const close = closingQuote(yaml, i, end);
      if (close < 0) return NOT_SIMPLE;
      item = yaml.slice(i + 1, close);
      i = skipSpaces(yaml, close + 1, end);
    } else {
      let stop = i;
      while (stop < end && !isFlowIndicator(yaml.charCodeAt(stop))) stop++;
      let last = stop;
      while (last > i && yaml.charCodeAt(last - 1) === 32) last--;
      const text = yaml.slice(i, last);
      // In brackets a colon may start a mapping: such items are left to js-yaml.
      item = text.includes(':') ? NOT_SIMPLE : plainScalar(text);
      i = stop;
    }
    if (item === NOT_SIMPLE) return NOT_SIMPLE;
    items.push(item);
    const separator = yaml.charCodeAt(i);
    if (separator === 93 /* ] */) return onlySpaces(yaml, i + 1, end) ? items : NOT_SIMPLE;
    if (separator !== 44 /* , */) return NOT_SIMPLE;
    i = skipSpaces(yaml, i + 1, end);
    // A trailing comma, or an empty item, is left to js-yaml.
    if (yaml.charCodeAt(i) === 93 || yaml.charCodeAt(i) === 44) return NOT_SIMPLE;
  }
  return NOT_SIMPLE;
}

/** Characters that end a plain item in brackets, or that such an item may not hold. */
function isFlowIndicator(code: number): boolean {
  return code === 44 || code === 91 || code === 93 || code === 123 || code === 125;
}

function skipSpaces(yaml: string, i: number, end: number): number {
  while (i < end && yaml.charCodeAt(i) === 32) i++;
  return i;
}

function onlySpaces(yaml: string, i: number, end: number): boolean {
  return skipSpaces(yaml, i, end) === end;
}
