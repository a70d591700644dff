// Text -> Entry. No I/O: the indexer hands in bytes and file facts.
import { FIELD_NAMES, type CommonsConfig, type FieldName } from './config';
import { dateText, readYaml, topLevelKeyLines } from './frontMatter';
import { bodyOf, splitFrontMatter } from './frontMatterBlock';
import { scanBody, type BodyScan } from './markdownScan';
import type { Entry, Finding, FrontMatterInfo, ScannedBody } from './model';
import type { FileFacts } from './ports';
import { detachEntryStrings, sameList, shareRepeatedStrings, shareRepeatedValues, type StringPool } from './entryMemory';
import { frontMatterLayoutOf } from './frontMatterLayout';
import { entryName } from './paths';
import { packHeadings, packLinks, RestoredEntry } from './restoredEntry';
import { entryTextOf, filledFieldNames, firstTitleOf, frontMatterText, withoutByteOrderMark } from './entryText';
import type { Vocabulary } from './vocabulary';

export interface ParseContext {
  config: CommonsConfig;
  vocabulary: Vocabulary;
  /**
   * Shares what many entries repeat (a tag, an author, a date, the layout of their front matter),
   * so a large knowledge base holds each once. Without it every entry keeps its own copies.
   */
  pool?: StringPool;
}

/** The front-matter keys parsing reads: each of Commons' fields, under the name `fields:` maps it to. */
export function fieldKeysOf(config: CommonsConfig): string[] {
  return [...new Set(FIELD_NAMES.map((name) => config.fields[name] ?? name))];
}

const fieldPositions = new WeakMap<CommonsConfig, Record<FieldName, number>>();

/** Where each of Commons' fields is in fieldKeysOf(config): scanned front matter sends values in that order. */
function fieldPositionsOf(config: CommonsConfig): Record<FieldName, number> {
  let positions = fieldPositions.get(config);
  if (!positions) {
    const keys = fieldKeysOf(config);
    positions = Object.fromEntries(FIELD_NAMES.map((name) => [name, keys.indexOf(config.fields[name] ?? name)])) as Record<FieldName, number>;
    fieldPositions.set(config, positions);
  }
  return positions;
}

/**
 * Reads one file's bytes into an Entry. Binary or non-UTF-8 content gives a skipped entry with a
 * finding. `scanned` is the body's scan when the reader made it (see scanEntryBody): the body is
 * then not scanned again.
 */
export function parseEntryBytes(path: string, bytes: Uint8Array, facts: FileFacts, context: ParseContext, scanned?: ScannedBody): Entry {
  // A scan made elsewhere read the whole file: here only its front matter needs decoding, and
  // none of it when the scan read that too.
  if (scanned?.[6]) return parseEntryText(path, '', facts, context, scanned);
  const text = scanned ? frontMatterText(bytes, scanned[5]) : entryTextOf(bytes);
  if (typeof text !== 'string') return skippedEntry(path, facts, text.skipped);
  return parseEntryText(path, text, facts, context, scanned);
}

export function parseEntryText(path: string, rawText: string, facts: FileFacts, context: ParseContext, scanned?: ScannedBody): Entry {
  const text = withoutByteOrderMark(rawText);
  const findings: Finding[] = [];
  const frontMatter: FrontMatterInfo = { present: false, language: '', filledFields: [], startLine: 0, endLine: 0, fieldLines: {}, editable: true };
  let data: Record<string, unknown> = {};
  // The fields of front matter read where the body was scanned, by position (see ScannedFrontMatter).
  let scannedValues: unknown[] | undefined;

  const scannedFront = scanned?.[6];
  const block = scannedFront ? undefined : splitFrontMatter(text);
  if (scannedFront) {
    // Read where the body was scanned, exactly as the branch below reads plain YAML.
    const [layoutKey, language, closeLine, values] = scannedFront;
    const layout = context.pool ? context.pool.frontMatterLayoutByKey(layoutKey) : frontMatterLayoutOf(layoutKey);
    frontMatter.present = true;
    frontMatter.language = language;
    frontMatter.startLine = 1;
    frontMatter.endLine = closeLine;
    frontMatter.fieldLines = layout.fieldLines;
    frontMatter.filledFields = layout.filledFields;
    scannedValues = values;
  } else if (block) {
    frontMatter.present = true;
    frontMatter.language = block.language;
    frontMatter.startLine = block.openLine;
    frontMatter.endLine = block.closeLine;
    if (!block.closeLine) {
      // Without a closing fence the whole file is body text (see bodyOf).
      frontMatter.editable = false;
      findings.push(finding(path, 1, 'error', 'front-matter-unclosed', 'front matter starts with --- but never closes: add a closing --- line'));
    } else if (block.language === 'toml' && text.startsWith('+')) {
      // Hugo's TOML front matter is ordinary in docs sites: said once per file, as a warning, not refused as code would be.
      frontMatter.editable = false;
      findings.push(finding(path, 1, 'warning', 'front-matter-language', 'front matter in TOML (between +++ lines) is not read: Commons reads YAML between --- lines, so its fields are left out'));
    } else if (block.language && block.language.toLowerCase() !== 'yaml') {
      frontMatter.editable = false;
      findings.push(finding(path, 1, 'error', 'front-matter-language', `front matter in "${block.language}" is refused: only YAML is read, and code in front matter is never run`));
    } else {
      const result = readYaml(block.yaml, { plain: false, keyLinesFrom: 2 });
      frontMatter.fieldLines = (result.ok && result.keyLines) || topLevelKeyLines(block.yaml, 2);
      if (result.ok) {
        data = result.data;
        frontMatter.filledFields = filledFieldNames(data, frontMatter.fieldLines);
        if (!result.strict) {
          frontMatter.editable = false;
          findings.push(finding(path, (result.strictErrorLine ?? 1) + 1, 'warning', 'front-matter-strict-yaml', 'front matter is not valid YAML 1.2 (often an under-indented continuation line): it is read, but Commons will not edit it until it is fixed'));
        }
      } else {
        frontMatter.editable = false;
        findings.push(finding(path, result.line + 1, 'error', 'front-matter-yaml', result.message));
      }
    }
  }

  // Entries for the index keep their headings and links packed (RestoredEntry): one string each
  // rather than many objects, made as one fresh copy, so nothing in them holds on to the file's
  // text. Text parsed for a moment keeps them as objects, which its readers use at once.
  let scan: BodyScan = { headings: [], links: [] };
  let packed: { headings: string; links: string; firstTitle: string | null } | undefined;
  if (!scanned) {
    const { body, firstLine } = bodyOf(text, block);
    scan = scanBody(body, firstLine, path);
    if (context.pool) {
      packed = { headings: packHeadings(scan.headings), links: packLinks(scan.links), firstTitle: firstTitleOf(scan.headings) ?? null };
      scan = { headings: [], links: [] };
    }
  }
  const positions = scannedValues && fieldPositionsOf(context.config);
  const field = (name: FieldName) => {
    if (scannedValues) return scannedValues[positions![name]];
    const key = context.config.fields[name] ?? name;
    return Object.hasOwn(data, key) ? data[key] : undefined;
  };
  const rawTags = field('tags');
  const writtenTags = toTagList(rawTags);
  if (!isTagListShape(rawTags)) {
    const key = context.config.fields.tags ?? 'tags';
    const line = frontMatter.fieldLines[key] ?? 1;
    findings.push(finding(path, line, 'warning', 'tags-shape', `"${key}" holds a mapping or nested lists, which are not tags: write a list of names (${key}: [a, b]) or a comma-separated text`));
  }
  const resolvedTags = unique(writtenTags.map((tag) => context.vocabulary.resolve(tag)));
  // Most entries write their tags canonically: then both fields share one array.
  const tags = sameList(resolvedTags, writtenTags) ? writtenTags : resolvedTags;
  const frontTitle = asText(field('title'));
  const firstH1 = scanned ? scanned[4] ?? undefined : packed ? packed.firstTitle ?? undefined : firstTitleOf(scan.headings);
  const title = frontTitle || firstH1 || entryName(path);
  const owner = asText(field('owner'));

  const entry: Entry = {
    path,
    title,
    titleSource: frontTitle ? 'frontMatter' : firstH1 ? 'heading' : 'fileName',
    type: asText(field('type'))?.toLowerCase(),
    tags,
    writtenTags,
    authors: toTextList(field('authors')),
    owner,
    created: dateField(field('created'), context.pool),
    reviewed: dateField(field('reviewed'), context.pool),
    status: asText(field('status'))?.toLowerCase(),
    summary: asText(field('summary')),
    answers: asText(field('answers')),
    headings: scan.headings,
    links: scan.links,
    frontMatter,
    findings,
    size: facts.size,
    mtimeMs: facts.mtimeMs,
    ctimeMs: facts.ctimeMs ?? 0,
    skipped: false,
  };
  if (scannedFront) {
    // Strings another thread sent are copies already, none holding on to a file's text, and the
    // layout came from the pool.
    if (context.pool) shareRepeatedStrings(entry, context.pool, true);
  } else {
    if (context.pool) shareRepeatedValues(entry, context.pool);
    detachEntryStrings(entry, !!context.pool);
  }
  if (scanned) {
    const [texts, headingsAt, linksAt, linksEnd] = scanned;
    const restored = new RestoredEntry(entry, undefined, undefined);
    restored.inBlock(texts, headingsAt, linksAt, linksEnd);
    return restored;
  }
  return packed ? new RestoredEntry(entry, packed.headings, packed.links) : entry;
}

/** A file over the size cap: indexed by name only, with a finding that says how to include it. */
export function oversizedEntry(path: string, facts: FileFacts, maxBytes: number): Entry {
  const megabytes = (maxBytes / 1024 / 1024).toFixed(1);
  return skippedEntry(path, facts, `file is larger than ${megabytes} MB: skipped (raise maxFileSize in commons.yml to include it)`);
}

export function skippedEntry(path: string, facts: FileFacts, reason: string): Entry {
  // Every field a parsed entry has, in the same order: all entries share one object layout, and a
  // skipped entry survives a snapshot unchanged.
  return {
    path,
    title: entryName(path),
    titleSource: 'fileName',
    type: undefined,
    tags: [],
    writtenTags: [],
    authors: [],
    owner: undefined,
    created: undefined,
    reviewed: undefined,
    status: undefined,
    summary: undefined,
    answers: undefined,
    headings: [],
    links: [],
    frontMatter: { present: false, language: '', filledFields: [], startLine: 0, endLine: 0, fieldLines: {}, editable: false },
    findings: [finding(path, 1, 'warning', 'skipped-file', reason)],
    size: facts.size,
    mtimeMs: facts.mtimeMs,
    ctimeMs: facts.ctimeMs ?? 0,
    skipped: true,
  };
}

function finding(file: string, line: number, severity: Finding['severity'], rule: string, message: string): Finding {
  return { file, line, column: 1, severity, rule, message };
}



/** A date field: YAML dates through the pool's cache when there is one, other values as text. */
function dateField(value: unknown, pool: StringPool | undefined): string | undefined {
  return value instanceof Date && pool ? pool.dateText(value) : asText(value);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value) ?? undefined;
  return undefined;
}

/** Whether tags are written in a shape they are read from: absent, a scalar, or a list of scalars. */
function isTagListShape(value: unknown): boolean {
  const scalar = (one: unknown) => one === null || one === undefined || typeof one !== 'object' || one instanceof Date;
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

/** Tags may be a list, a comma-separated string or a single scalar. */
export function toTagList(value: unknown): string[] {
  if (Array.isArray(value)) return unique(value.map(asText).filter((t): t is string => !!t));
  const text = asText(value);
  if (!text) return [];
  return unique(text.split(',').map((t) => t.trim()).filter(Boolean));
}

function toTextList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter((t): t is string => !!t);
  const text = asText(value);
  return text ? [text] : [];
}

/** The values without repeats, in order: the list itself when it has none (most tag lists are short and have none). */
function unique(values: string[]): string[] {
  if (values.length < 2) return values;
  if (values.length > 16) return [...new Set(values)];
  for (let i = 1; i < values.length; i++) if (values.lastIndexOf(values[i], i - 1) >= 0) return [...new Set(values)];
  return values;
}
