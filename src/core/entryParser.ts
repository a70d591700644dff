// Text -> Entry. No I/O: the indexer hands in bytes and file facts.
import type { CommonsConfig, FieldName } from './config';
import { dateText, readYaml, splitFrontMatter, topLevelKeyLines } from './frontMatter';
import { scanBody } from './markdownScan';
import type { Entry, Finding, FrontMatterInfo } from './model';
import { ownCopy } from './detach';
import { entryName } from './paths';
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

/** Values and front-matter layouts repeated across one knowledge base, kept once (see ParseContext.pool). */
export class StringPool {
  private readonly values = new Map<string, string>();
  private readonly layouts = new Map<string, { fieldLines: Record<string, number>; filledFields: string[] }>();
  private readonly dates = new Map<number, string | undefined>();

  readonly intern = (value: string): string => {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    const copy = ownCopy(value);
    this.values.set(copy, copy);
    return copy;
  };

  /** A YAML date as text (see dateText), made once per distinct date: dates repeat across entries. */
  dateText(value: Date): string | undefined {
    const time = value.getTime();
    if (this.dates.has(time)) return this.dates.get(time);
    const text = dateText(value) ?? undefined;
    this.dates.set(time, text === undefined ? undefined : this.intern(text));
    return this.dates.get(time);
  }

  /**
   * The same field lines and filled fields for every entry whose front matter has this shape
   * (most entries of a knowledge base written from one template do). Shared objects are frozen.
   */
  frontMatterLayout(fieldLines: Record<string, number>, filledFields: string[]): { fieldLines: Record<string, number>; filledFields: string[] } {
    let signature = '';
    for (const key in fieldLines) signature += `${key}\u0000${fieldLines[key]}\u0000`;
    signature += '\u0001' + filledFields.join('\u0000');
    const known = this.layouts.get(signature);
    if (known) return known;
    const layout = { fieldLines: Object.freeze(fieldLines), filledFields: Object.freeze(filledFields) as string[] };
    this.layouts.set(signature, layout);
    return layout;
  }
}

export interface FileFacts {
  size: number;
  mtimeMs: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one file's bytes into an Entry. Binary or non-UTF-8 content gives a skipped entry with a finding. */
export function parseEntryBytes(path: string, bytes: Uint8Array, facts: FileFacts, context: ParseContext): Entry {
  if (looksBinary(bytes)) return skippedEntry(path, facts, 'binary file named like Markdown: skipped');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return skippedEntry(path, facts, 'file is not UTF-8 text: skipped (save it as UTF-8 to include it)');
  }
  return parseEntryText(path, text, facts, context);
}

export function parseEntryText(path: string, rawText: string, facts: FileFacts, context: ParseContext): Entry {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const findings: Finding[] = [];
  const frontMatter: FrontMatterInfo = { present: false, language: '', filledFields: [], startLine: 0, endLine: 0, fieldLines: {}, editable: true };
  let data: Record<string, unknown> = {};
  let body = text;
  let bodyFirstLine = 1;

  const block = splitFrontMatter(text);
  if (block) {
    frontMatter.present = true;
    frontMatter.language = block.language;
    frontMatter.startLine = block.openLine;
    frontMatter.endLine = block.closeLine;
    body = text.slice(block.bodyStart);
    bodyFirstLine = block.closeLine ? block.closeLine + 1 : 1;
    if (!block.closeLine) {
      frontMatter.editable = false;
      findings.push(finding(path, 1, 'error', 'front-matter-unclosed', 'front matter starts with --- but never closes: add a closing --- line'));
      body = text; // Without a closing fence the whole file is body text.
    } else if (block.language && block.language.toLowerCase() !== 'yaml') {
      frontMatter.editable = false;
      findings.push(finding(path, 1, 'error', 'front-matter-language', `front matter in "${block.language}" is refused: only YAML is read, and code in front matter is never run`));
    } else {
      frontMatter.fieldLines = topLevelKeyLines(block.yaml, 2);
      const result = readYaml(block.yaml, { plain: false });
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

  const scan = scanBody(body, bodyFirstLine, path);
  const field = (name: FieldName) => {
    const key = context.config.fields[name] ?? name;
    return Object.hasOwn(data, key) ? data[key] : undefined;
  };
  const writtenTags = toTagList(field('tags'));
  const resolvedTags = unique(writtenTags.map((tag) => context.vocabulary.resolve(tag)));
  // Most entries write their tags canonically: then both fields share one array.
  const tags = sameList(resolvedTags, writtenTags) ? writtenTags : resolvedTags;
  const frontTitle = asText(field('title'));
  const firstH1 = scan.headings.find((h) => h.level === 1);
  const title = frontTitle || firstH1?.text || entryName(path);
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
    skipped: false,
  };
  if (context.pool) shareRepeatedValues(entry, context.pool);
  detachEntryStrings(entry, !!context.pool);
  return entry;
}

/**
 * Points an entry at the pool's copies of what many entries repeat: tags, people, dates, type and
 * status, and the front matter's layout. For parsed and restored entries alike. (Link keys are
 * left alone: most are used by a few entries only, and pooling them cost more than it saved.)
 */
export function shareRepeatedValues(entry: Entry, pool: StringPool): void {
  const intern = pool.intern;
  const shared = (value: string | undefined) => (value === undefined ? undefined : intern(value));
  const tagsAsWritten = sameList(entry.tags, entry.writtenTags);
  entry.tags = entry.tags.map(intern);
  entry.writtenTags = tagsAsWritten ? entry.tags : entry.writtenTags.map(intern);
  entry.authors = entry.authors.map(intern);
  entry.type = shared(entry.type);
  entry.owner = shared(entry.owner);
  entry.created = shared(entry.created);
  entry.reviewed = shared(entry.reviewed);
  entry.status = shared(entry.status);
  Object.assign(entry.frontMatter, pool.frontMatterLayout(entry.frontMatter.fieldLines, entry.frontMatter.filledFields));
}

/** Pieces shorter than this are always copies in V8; longer ones may point into the file's text. */
const SHORT = 13;

/**
 * Cuts the entry's strings loose from the file's text, which would otherwise stay in memory as
 * long as the entry does. All of them are copied into one new string at once, and the entry keeps
 * pieces of that: one copy per entry costs less time and memory than one copy per string.
 * Values kept once for the whole knowledge base (ParseContext.pool) are detached there.
 */
function detachEntryStrings(entry: Entry, pooled: boolean): void {
  const kept: string[] = [];
  const keep = (value: string | undefined) => {
    if (value !== undefined && value.length >= SHORT) kept.push(value);
  };
  visitEntryStrings(entry, pooled, keep);
  if (!kept.length) return;
  const copy = kept.join('');
  let offset = 0;
  visitEntryStrings(entry, pooled, (value) => {
    if (value === undefined || value.length < SHORT) return value;
    const piece = copy.slice(offset, offset + value.length);
    offset += value.length;
    return piece;
  });
}

/** Calls `visit` on each string an entry holds that may come from its text, in a fixed order, and stores what it returns. */
function visitEntryStrings(entry: Entry, pooled: boolean, visit: (value: string | undefined) => string | undefined | void): void {
  const swap = <T extends string | undefined>(value: T): T => (visit(value) ?? value) as T;
  if (!pooled) {
    // Without a pool these are this entry's own and are detached with the rest.
    const tagsAsWritten = entry.writtenTags === entry.tags;
    entry.tags = entry.tags.map(swap);
    entry.writtenTags = tagsAsWritten ? entry.tags : entry.writtenTags.map(swap);
    entry.authors = entry.authors.map(swap);
    entry.type = swap(entry.type);
    entry.owner = swap(entry.owner);
    entry.created = swap(entry.created);
    entry.reviewed = swap(entry.reviewed);
    entry.status = swap(entry.status);
  }
  entry.title = swap(entry.title);
  entry.summary = swap(entry.summary);
  entry.answers = swap(entry.answers);
  entry.frontMatter.language = swap(entry.frontMatter.language);
  for (const heading of entry.headings) heading.text = swap(heading.text);
  for (const link of entry.links) {
    // A wikilink's key is often its target itself: keep sharing one string then.
    const keyIsTarget = link.key === link.target;
    link.target = swap(link.target);
    link.key = keyIsTarget ? link.target : swap(link.key);
    if (link.heading !== undefined) link.heading = swap(link.heading);
    if (link.alias !== undefined) link.alias = swap(link.alias);
    if (link.altKey !== undefined) link.altKey = swap(link.altKey);
  }
  for (const finding of entry.findings) finding.message = swap(finding.message);
}

export function skippedEntry(path: string, facts: FileFacts, reason: string): Entry {
  return {
    path,
    title: entryName(path),
    titleSource: 'fileName',
    tags: [],
    writtenTags: [],
    authors: [],
    headings: [],
    links: [],
    frontMatter: { present: false, language: '', filledFields: [], startLine: 0, endLine: 0, fieldLines: {}, editable: false },
    findings: [finding(path, 1, 'warning', 'skipped-file', reason)],
    size: facts.size,
    mtimeMs: facts.mtimeMs,
    skipped: true,
  };
}

function finding(file: string, line: number, severity: Finding['severity'], rule: string, message: string): Finding {
  return { file, line, column: 1, severity, rule, message };
}

/**
 * Top-level fields with a value. Names come from `fieldLines` when it has them: its keys are
 * property names, which the JavaScript engine keeps once for all entries.
 */
function filledFieldNames(data: Record<string, unknown>, fieldLines: Record<string, number>): string[] {
  const names: string[] = [];
  for (const key of Object.keys(fieldLines)) if (Object.hasOwn(data, key) && !isEmptyValue(data[key])) names.push(key);
  for (const key of Object.keys(data)) if (!Object.hasOwn(fieldLines, key) && !isEmptyValue(data[key])) names.push(key);
  return names;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).indexOf(0) >= 0;
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

function unique(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}
