// `commons.yml`: every key is optional. A broken file is reported with file and line, and Commons
// carries on with defaults for whatever could not be read, never dropping the rest of the file.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Finding } from './model';
import { posixJoinNormalize } from './paths';
import { editDistance } from './vocabulary';
import { yamlErrorText } from './yamlErrors';
import { CONFLICT_ADVICE, conflictMarkerLine } from './conflictMarkers';

export const CONFIG_FILE = 'commons.yml';

export interface TypeConfig {
  required: string[];
  template?: string;
  statuses?: string[];
}

export interface TagConfig {
  description?: string;
  aliases: string[];
  stewards: string[];
}

export interface LearningPath {
  name: string;
  description?: string;
  /** Paths relative to the folder holding commons.yml, normalised (no `./`, `//` or `a/..`). */
  entries: string[];
  /** The line of commons.yml each entry is written on, when read from the file. */
  entryLines?: number[];
}

export interface CommonsConfig {
  name?: string;
  /** Folder holding the entries, relative to the knowledge-base root ('' for the root itself). */
  entries: string;
  ignore: string[];
  /** Our field name -> the name this repository uses (e.g. tags -> helpviewer_keywords). */
  fields: Record<string, string>;
  types: Record<string, TypeConfig>;
  tags: Record<string, TagConfig>;
  vocabulary: 'open' | 'closed';
  reviewIntervalDays: number;
  /** What stewards check on every contribution (review.checklist). */
  reviewChecklist: string[];
  /** True when commons.yml asks for reviews; only then are due entries badged everywhere. */
  reviewConfigured: boolean;
  paths: LearningPath[];
  /** Files larger than this are skipped with a finding. */
  maxFileBytes: number;
}

export const FIELD_NAMES = ['title', 'type', 'tags', 'authors', 'owner', 'created', 'reviewed', 'status', 'summary', 'answers'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export function defaultConfig(): CommonsConfig {
  return {
    entries: '',
    ignore: [],
    fields: {},
    types: {
      practice: { required: ['title', 'tags'] },
      'how-to': { required: ['title', 'tags'] },
      lesson: { required: ['title', 'tags'] },
      question: { required: ['title', 'tags'], statuses: ['open', 'answered'] },
      decision: { required: ['title', 'status'] },
      reference: { required: ['title'] },
    },
    tags: {},
    vocabulary: 'open',
    reviewIntervalDays: 365,
    reviewChecklist: [],
    reviewConfigured: false,
    paths: [],
    maxFileBytes: 2 * 1024 * 1024,
  };
}

export interface LoadedConfig {
  config: CommonsConfig;
  findings: Finding[];
}

const KNOWN_KEYS = ['name', 'entries', 'ignore', 'fields', 'types', 'tags', 'vocabulary', 'review', 'paths', 'maxFileSize'];
/** The keys of one type, one tag, `review` and one learning path. */
const TYPE_KEYS = ['required', 'template', 'statuses'];
const TAG_KEYS = ['description', 'aliases', 'stewards'];
const REVIEW_KEYS = ['interval', 'checklist'];
const PATH_KEYS = ['name', 'description', 'entries'];

/**
 * commons.yml's bytes as text, and what is wrong with its encoding. Entries that are not UTF-8
 * are skipped, but commons.yml is read all the same, so the vocabulary and the rest still count:
 * UTF-16 with a byte order mark as such, anything else with U+FFFD for what is not UTF-8. Either
 * way it is an error to fix, at the line of the first character that could not be read.
 */
export function configText(bytes: Uint8Array): { text: string; problem?: { line: number; message: string } } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    return { text: new TextDecoder(utf16).decode(bytes), problem: { line: 1, message: `${CONFIG_FILE} is UTF-16 text: save it as UTF-8 (git and most tools read it as binary)` } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder().decode(bytes);
    const line = text.slice(0, text.indexOf('\ufffd')).split('\n').length;
    return { text, problem: { line, message: `${CONFIG_FILE} is not UTF-8 text here: save it as UTF-8 (what cannot be read is read as �)` } };
  }
}

/** Parses and validates commons.yml text. `file` is the path reported in findings. */
export function parseConfig(text: string, file = CONFIG_FILE): LoadedConfig {
  const config = defaultConfig();
  const findings: Finding[] = [];
  let lineCounter = new LineCounter();
  const checked = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  // A key written twice is reported, and the rest of the file still counts (the first value of
  // the key): one slip must not silently take entries:, the vocabulary and the learning paths.
  const onlyRepeatedKeys = checked.errors.length > 0 && checked.errors.every((error) => error.code === 'DUPLICATE_KEY');
  let doc = checked;
  if (onlyRepeatedKeys) {
    lineCounter = new LineCounter();
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  }
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const report = (node: YamlNode | null | undefined, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({ file, line: lineOf(node), column: 1, severity, rule: 'config', message });

  // A conflict left by a pull is named as one, not as the YAML errors its markers cause.
  const conflictLine = checked.errors.length > 0 && !onlyRepeatedKeys ? conflictMarkerLine(text) : undefined;
  if (conflictLine !== undefined) {
    findings.push({ file, line: conflictLine, column: 1, severity: 'error', rule: 'config', message: `${CONFIG_FILE} ${CONFLICT_ADVICE}; until then the defaults apply` });
    return { config, findings };
  }
  for (const error of checked.errors) {
    const pos = error.linePos?.[0];
    const message = error.code === 'DUPLICATE_KEY' ? `${CONFIG_FILE} names a key twice: ${yamlErrorText(error)} (the first is used)` : `${CONFIG_FILE} is not valid YAML: ${yamlErrorText(error)}`;
    findings.push({ file, line: pos?.line ?? 1, column: pos?.col ?? 1, severity: 'error', rule: 'config', message });
  }
  if (doc.errors.length) return { config, findings };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, findings };
  if (!isMap(root)) {
    report(root, `${CONFIG_FILE} must be a mapping of settings`);
    return { config, findings };
  }

  const seen = new Set<string>();
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (seen.has(key)) continue; // reported above; the first one counts
    seen.add(key);
    const value = pair.value as YamlNode | null;
    if (!KNOWN_KEYS.includes(key)) {
      report(keyNode, `unknown setting "${key}" (${knownKeysText(key, KNOWN_KEYS)})`, 'warning');
      continue;
    }
    const plain = value ? (value.toJSON() as unknown) : null;
    switch (key) {
      case 'name':
        if (typeof plain === 'string') config.name = plain;
        else report(value, '"name" must be text');
        break;
      case 'entries':
        if (typeof plain === 'string' && !plain.split(/[\\/]/).includes('..') && !/^([\\/]|[A-Za-z]:)/.test(plain)) config.entries = plain.replace(/^\.\/?/, '').replace(/\/+$/, '');
        else report(value, '"entries" must be a folder inside the knowledge base');
        break;
      case 'ignore':
        if (isStringList(plain)) config.ignore = plain;
        else report(value, '"ignore" must be a list of glob patterns');
        break;
      case 'fields':
        if (isStringRecord(plain)) config.fields = plain;
        else report(value, '"fields" must map field names to names used in this repository, e.g. { tags: keywords }');
        break;
      case 'types':
        readTypes(value, config, report);
        break;
      case 'tags':
        readTags(value, config, report);
        break;
      case 'vocabulary':
        if (plain === 'open' || plain === 'closed') config.vocabulary = plain;
        else report(value, '"vocabulary" must be "open" or "closed"');
        break;
      case 'review': {
        config.reviewConfigured = true;
        const review = plain && typeof plain === 'object' ? (plain as Record<string, unknown>) : {};
        reportUnknownKeys(value, REVIEW_KEYS, '"review"', report);
        if (review.interval !== undefined || !review.checklist) {
          const days = parseInterval(review.interval);
          if (days !== undefined) config.reviewIntervalDays = days;
          else report(value ? valueOf(value, 'interval') : value, '"review" must look like { interval: 180d } (more than 0 days d, weeks w, months m or years y)');
        }
        if (review.checklist !== undefined) {
          if (isStringList(review.checklist)) config.reviewChecklist = review.checklist;
          else report(value, '"review.checklist" must be a list of things stewards check');
        }
        break;
      }
      case 'paths':
        readPaths(value, config, report, lineOf);
        break;
      case 'maxFileSize':
        if (typeof plain === 'number' && plain > 0) config.maxFileBytes = plain;
        else report(value, '"maxFileSize" must be a number of bytes');
        break;
    }
  }
  return { config, findings };
}

type Reporter = (node: YamlNode | null | undefined, message: string, severity?: Finding['severity']) => void;

function readTypes(value: YamlNode | null, config: CommonsConfig, report: Reporter) {
  if (!isMap(value)) return report(value, '"types" must map type names to { required, template, statuses }');
  const types: Record<string, TypeConfig> = {};
  for (const pair of value.items) {
    const name = String((pair.key as { value?: unknown })?.value ?? '');
    const spec = (pair.value as YamlNode | null)?.toJSON() as Record<string, unknown> | null;
    const typeConfig: TypeConfig = { required: ['title'] };
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      reportUnknownKeys(pair.value as YamlNode, TYPE_KEYS, `type "${name}"`, report);
      if (spec.required !== undefined) {
        if (isStringList(spec.required)) typeConfig.required = spec.required;
        else report(pair.value as YamlNode, `type "${name}": "required" must be a list of field names`);
      }
      if (typeof spec.template === 'string') typeConfig.template = spec.template;
      else if (spec.template !== undefined) report(valueOf(pair.value as YamlNode, 'template'), `type "${name}": "template" must be the path of a Markdown file, e.g. .commons/templates/${name}.md`);
      if (spec.statuses !== undefined) {
        if (isStringList(spec.statuses)) typeConfig.statuses = spec.statuses;
        else report(pair.value as YamlNode, `type "${name}": "statuses" must be a list`);
      }
    } else if (spec !== null) {
      report(pair.value as YamlNode, `type "${name}" must be a mapping like { required: [title, tags] }`);
    }
    types[name] = typeConfig;
  }
  config.types = types;
}

function readTags(value: YamlNode | null, config: CommonsConfig, report: Reporter) {
  if (isSeq(value)) {
    // A plain list of tag names is a vocabulary without descriptions.
    for (const item of value.items) {
      const name = isScalar(item) && item.value !== null ? String(item.value).trim() : '';
      if (name) config.tags[name] = { aliases: [], stewards: [] };
      else report(item as YamlNode, '"tags" as a list holds tag names only; describe a tag by making "tags" a mapping: { name: { description } }');
    }
    return;
  }
  if (!isMap(value)) return report(value, '"tags" must map tag names to { description, aliases, stewards }');
  for (const pair of value.items) {
    const name = String((pair.key as { value?: unknown })?.value ?? '');
    const spec = (pair.value as YamlNode | null)?.toJSON() as Record<string, unknown> | null;
    const tag: TagConfig = { aliases: [], stewards: [] };
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      reportUnknownKeys(pair.value as YamlNode, TAG_KEYS, `tag "${name}"`, report);
      if (typeof spec.description === 'string') tag.description = spec.description;
      if (isStringList(spec.aliases)) tag.aliases = spec.aliases;
      else if (spec.aliases !== undefined) report(pair.value as YamlNode, `tag "${name}": "aliases" must be a list`);
      if (isStringList(spec.stewards)) tag.stewards = spec.stewards;
      else if (spec.stewards !== undefined) report(pair.value as YamlNode, `tag "${name}": "stewards" must be a list`);
    } else if (typeof spec === 'string') {
      tag.description = spec;
    }
    config.tags[name] = tag;
  }
}

function readPaths(value: YamlNode | null, config: CommonsConfig, report: Reporter, lineOf: (node: YamlNode | null | undefined) => number) {
  if (!isSeq(value)) return report(value, '"paths" must be a list of { name, entries }');
  for (const item of value.items) {
    const spec = (item as YamlNode).toJSON() as Record<string, unknown> | null;
    reportUnknownKeys(item as YamlNode, PATH_KEYS, typeof spec?.name === 'string' ? `learning path "${spec.name}"` : 'a learning path', report);
    if (spec && typeof spec.name === 'string' && isStringList(spec.entries)) {
      const entriesNode = isMap(item) ? (item.get('entries', true) as YamlNode | undefined) : undefined;
      const entryLines = isSeq(entriesNode) ? entriesNode.items.map((one) => lineOf(one as YamlNode)) : undefined;
      // Written as people write them (`./docs/a.md`, `docs//a.md`), read as the index keys entries.
      const entries = spec.entries.map((entry) => posixJoinNormalize('', entry.trim()));
      config.paths.push({ name: spec.name, description: typeof spec.description === 'string' ? spec.description : undefined, entries, entryLines });
    } else {
      report(item as YamlNode, 'each learning path needs a "name" and a list of "entries"');
    }
  }
}

/** "180d", "26w", "6m", "1y" or a number of days; undefined unless it is more than 0 (every entry would be due). */
export function parseInterval(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 0) return value;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+)\s*([dwmy])\s*$/.exec(value);
  if (!match) return undefined;
  const factor = { d: 1, w: 7, m: 30, y: 365 }[match[2] as 'd' | 'w' | 'm' | 'y'];
  const days = Number(match[1]) * factor;
  return days > 0 ? days : undefined;
}

/**
 * Warns of each key of a mapping setting (a type, a tag) that Commons does not read: a mistyped
 * key is otherwise ignored without a word, and the setting silently left at its default.
 */
function reportUnknownKeys(node: YamlNode | null | undefined, known: string[], where: string, report: Reporter) {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!known.includes(key)) report(keyNode, `${where}: unknown key "${key}" (${knownKeysText(key, known)})`, 'warning');
  }
}

/** "did you mean aliases?" when a known key is a likely slip of `key` (or starts with it), else the known keys. */
function knownKeysText(key: string, known: string[]): string {
  const allowed = Math.min(3, Math.ceil(key.length / 2));
  const scored = known.map((name) => ({ name, distance: key.length >= 3 && name.startsWith(key) ? 0 : editDistance(key, name, allowed) }));
  const nearest = scored.filter((one) => one.distance <= allowed).sort((a, b) => a.distance - b.distance)[0];
  return nearest ? `did you mean ${nearest.name}?` : `known: ${known.join(', ')}`;
}

/** The node of `key`'s value in a mapping, to report at its line; the mapping itself otherwise. */
function valueOf(node: YamlNode, key: string): YamlNode {
  return (isMap(node) ? (node.get(key, true) as YamlNode | undefined) : undefined) ?? node;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
