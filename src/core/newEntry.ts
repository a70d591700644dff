// New entries: safe file names and templates. Nothing here ever overwrites an existing file.
import { isSeq, parseDocument, visit, type Scalar } from 'yaml';
import type { CommonsConfig } from './config';
import { FrontMatterEditor, formatScalar } from './edit/frontMatterEdit';
import { applyEdits, type TextEdit } from './edit/textEdit';
import { splitFrontMatter } from './frontMatterBlock';

export interface NewEntryRequest {
  type: string;
  title: string;
  tags: string[];
  author?: string;
  /** YYYY-MM-DD */
  date: string;
  /** Other fields to set, as text (an answer's `answers:` names its question). */
  fields?: Record<string, string>;
}

const RESERVED_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_SLUG = 80;

/**
 * A slug for file and branch names that keeps the title's own script: lower-case letters (with
 * their vowel signs and other combining marks) and digits of any language, dashes between words.
 */
export function fileSlug(title: string): string {
  return slugOf(title, /[^\p{L}\p{M}\p{N}]+/gu);
}

/** File names are capped in bytes (255 on most file systems); this leaves room for `-NN.md`. */
const MAX_SLUG_BYTES = 200;

/**
 * The title with Latin accents dropped (café becomes cafe), lower case, each run of what
 * `separators` matches made one dash; at most MAX_SLUG characters and MAX_SLUG_BYTES bytes, cut
 * at a word (or else a whole character); never empty, reserved by Windows or traversing.
 */
function slugOf(title: string, separators: RegExp): string {
  let slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(separators, '-')
    .replace(/^-+|-+$/g, '');
  const characters = Array.from(slug);
  if (characters.length > MAX_SLUG) {
    const cut = characters.slice(0, MAX_SLUG).join('');
    slug = cut.replace(/-[^-]*$/, '') || cut;
  }
  while (new TextEncoder().encode(slug).length > MAX_SLUG_BYTES) {
    const dash = slug.lastIndexOf('-');
    slug = dash > 0 ? slug.slice(0, dash) : Array.from(slug).slice(0, -1).join('');
  }
  if (!slug) slug = 'entry';
  if (RESERVED_NAMES.test(slug)) slug += '-entry';
  return slug;
}

/** Candidate KB-relative paths for a new entry, in order: name.md, name-2.md, name-3.md... */
export function* candidatePaths(folder: string, title: string): Generator<string> {
  const slug = fileSlug(title);
  const prefix = folder ? `${folder}/` : '';
  yield `${prefix}${slug}.md`;
  for (let n = 2; ; n++) yield `${prefix}${slug}-${n}.md`;
}

/** The folders of a knowledge base's entries, as the index counts them (EntryIndex). */
export interface EntryFolders {
  /** Entries in a folder and every folder below it ('' is the root). */
  folderSize(folder: string): number;
  subfoldersOf(folder: string): ReadonlySet<string>;
}

/**
 * The folder for a new entry of a type: `<entries>/<type>` or its plural when it holds entries,
 * else `<entries>`. Without an `entries:` folder, the entries' own folder stands in for it: the
 * folder below the root holding more than three quarters of them (the vault/ of a Dendron site,
 * the docs/ beside a README), else the root; a type's folder at the root still counts.
 */
export function folderForType(config: CommonsConfig, type: string, folders: EntryFolders): string {
  const base = config.entries || mainFolder(folders);
  const names = [type, `${type}s`, `${type}es`];
  const candidates = [...names.map((name) => (base ? `${base}/${name}` : name)), ...(config.entries || !base ? [] : names)];
  return candidates.find((folder) => folders.folderSize(folder) > 0) ?? base;
}

function mainFolder(folders: EntryFolders): string {
  // One level only: below it, a folder holding most entries is a topic of them (docs/api), not where they live.
  const total = folders.folderSize('');
  return [...folders.subfoldersOf('')].find((sub) => folders.folderSize(sub) * 4 > total * 3) ?? '';
}

const PROMPTS: Record<string, string[]> = {
  practice: ['Why', 'How we do it', 'When not to'],
  'how-to': ['Context', 'Steps', 'Pitfalls'],
  lesson: ['What happened?', 'What did we learn?', 'What will we do next time?'],
  question: ["What I'm trying to do", 'What I tried'],
  decision: ['Context', 'Decision', 'Consequences'],
  reference: ['Overview'],
};

/**
 * The built-in template of a type, used when the knowledge base has none of its own. Its fields
 * go under the names the knowledge base uses (`fields:` in commons.yml, e.g. `tags:
 * helpviewer_keywords`).
 */
export function builtInTemplate(type: string, fields: Record<string, string> = {}): string {
  const headings = PROMPTS[type] ?? ['Overview'];
  const key = (name: string) => fields[name] ?? name;
  const status = type === 'question' ? 'open' : type === 'decision' ? 'proposed' : '';
  return [
    '---',
    `${key('title')}: \${title}`,
    `${key('type')}: ${type}`,
    `${key('tags')}: \${tags}`,
    `${key('authors')}: [\${author}]`,
    `${key('created')}: \${date}`,
    (status ? `${key('status')}: ${status}\n` : '') + `${key('summary')}: `,
    '---',
    '',
    '# ${title}',
    '',
    ...headings.flatMap((heading) => [`## ${heading}`, '', '', '']),
  ].join('\n').replace(/\n{3,}$/, '\n');
}

export type RenderedTemplate = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Fills `${title}`, `${type}`, `${tags}`, `${author}` and `${date}`, escaped for where each sits in
 * the front matter (see fillFrontMatter). Chosen tags are added even when the template writes its
 * own `tags: []` instead of `${tags}`, and the request's other fields are set. Refused, with the
 * reason, when the filled front matter would not be valid YAML or cannot take the tags or fields:
 * a new entry that Commons cannot read is no entry.
 */
export function renderTemplate(template: string, request: NewEntryRequest, tagsKey = 'tags'): RenderedTemplate {
  const text = fillTemplate(template, request);
  const editor = FrontMatterEditor.open(text);
  if (!(editor instanceof FrontMatterEditor)) return { ok: false, reason: editor.reason };
  let filled = text;
  if (request.tags.length) {
    const added = editor.addToList(tagsKey, request.tags);
    if (!added.ok) return { ok: false, reason: `its "${tagsKey}" cannot take the tags: ${added.reason}` };
    filled = applyEdits(filled, added.edits);
  }
  // Set through the front-matter editor, as a writer's edit would be: in the template's line
  // endings, quoted when the value needs it, filling a field the template leaves empty.
  for (const [key, value] of Object.entries(request.fields ?? {})) {
    const fieldEditor = FrontMatterEditor.open(filled);
    const set = fieldEditor instanceof FrontMatterEditor ? fieldEditor.setField(key, value) : { ok: false as const, reason: fieldEditor.reason };
    if (!set.ok) return { ok: false, reason: `its "${key}" cannot be set: ${set.reason}` };
    filled = applyEdits(filled, set.edits);
  }
  return { ok: true, text: filled };
}

const PLACEHOLDER = /\$\{(title|type|tags|author|date)\}/g;
type Placeholder = 'title' | 'type' | 'tags' | 'author' | 'date';

/** A placeholder's value as text, for the body, comments and inside a scalar. */
function rawValue(name: Placeholder, request: NewEntryRequest): string {
  if (name === 'title') return request.title;
  if (name === 'type') return request.type;
  if (name === 'tags') return request.tags.join(', ');
  if (name === 'author') return request.author ?? '';
  return request.date;
}

function fillTemplate(template: string, request: NewEntryRequest): string {
  const fillRaw = (text: string) => text.replace(PLACEHOLDER, (_, name: Placeholder) => rawValue(name, request));
  const block = splitFrontMatter(template);
  if (!block || (block.language && block.language.toLowerCase() !== 'yaml')) return fillRaw(template);
  const yamlEnd = block.yamlStart + block.yaml.length;
  return fillRaw(template.slice(0, block.yamlStart)) + fillFrontMatter(block.yaml, request, fillRaw) + fillRaw(template.slice(yamlEnd));
}

/**
 * Fills the placeholders of front matter so that it stays valid YAML whatever the values hold:
 * inside a quoted scalar (`title: "How to: ${title}"`) a value is escaped for that quoting; a plain
 * scalar that is only a placeholder becomes the value as YAML (quoted when it must be, a flow list
 * for tags); a plain scalar with other text around a placeholder is written whole again, quoted when
 * it must be. Only the placeholders' scalars change, so comments, order and quoting stay as the
 * template has them. A template whose front matter is not valid YAML to begin with is filled as
 * text (renderTemplate then refuses what that gives, if it is still invalid).
 */
function fillFrontMatter(yaml: string, request: NewEntryRequest, fillRaw: (text: string) => string): string {
  // `${…}` is not plain YAML in a flow list (`[${author}]`): the template is read with each
  // placeholder as a word of the same length, so that the ranges hold for the template's own text.
  const doc = parseDocument(yaml.replace(PLACEHOLDER, (_, name: string) => `__${name}_`), { uniqueKeys: false });
  if (doc.errors.length) return fillRaw(yaml);
  const edits: TextEdit[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      const source = node.range ? yaml.slice(node.range[0], node.range[1]) : '';
      if (key === 'key' || typeof node.value !== 'string' || !source.match(PLACEHOLDER)) return;
      const parent = path[path.length - 1];
      const inFlowList = isSeq(parent) && parent.flow === true;
      edits.push({ start: node.range![0], end: node.range![1], text: filledScalar(source, node, request, inFlowList) });
    },
  });
  // Placeholders outside scalars (in a comment, say) are filled as text.
  let filled = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    filled += fillRaw(yaml.slice(at, edit.start)) + edit.text;
    at = edit.end;
  }
  return filled + fillRaw(yaml.slice(at));
}

/** The scalar written at `source`, with its placeholders filled in the scalar's own style. */
function filledScalar(source: string, node: Scalar, request: NewEntryRequest, inFlowList: boolean): string {
  const fill = (escape: (value: string) => string) => source.replace(PLACEHOLDER, (_, name: Placeholder) => escape(rawValue(name, request)));
  if (node.type === 'QUOTE_DOUBLE') return fill((value) => JSON.stringify(value).slice(1, -1));
  if (node.type === 'QUOTE_SINGLE') return fill((value) => value.replace(/'/g, "''"));
  // A block scalar takes any text on its lines, and every value here is one line.
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return fill((value) => value);
  const only = /^\$\{(title|type|tags|author|date)\}$/.exec(source.trim())?.[1] as Placeholder | undefined;
  // Tags are a list of their own, or the items of the list they are written in (`[${tags}]`).
  if (only === 'tags') return inFlowList ? request.tags.map(yamlText).join(', ') : `[${request.tags.map(yamlText).join(', ')}]`;
  // A lone date stays plain, so YAML reads it as the day it is, as `created: 2026-01-01` is.
  if (only === 'date') return request.date;
  const value = only ? rawValue(only, request) : String(node.value).replace(/__(title|type|tags|author|date)_/g, (_, name: Placeholder) => rawValue(name, request));
  return yamlText(value);
}

/** Plain when YAML reads it back as the same text (see formatScalar: never with `,[]{}:#`), else double-quoted. */
function yamlText(value: string): string {
  return formatScalar(value, 'PLAIN');
}

/**
 * Where a writer starts answering each prompt of a fresh entry: the start of the first blank line
 * under every section heading that has nothing but blank lines and comments. The editor turns
 * these into tab stops.
 */
export function promptPositions(text: string): number[] {
  const positions: number[] = [];
  const lines = text.split('\n');
  let offset = 0;
  const starts = lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    return start;
  });
  for (let i = 0; i < lines.length; i++) {
    if (!/^#{2,6}\s/.test(lines[i])) continue;
    let j = i + 1;
    let firstBlank = -1;
    let empty = true;
    for (; j < lines.length && !/^#{1,6}\s/.test(lines[j]); j++) {
      const line = lines[j].replace(/\r$/, '');
      if (!line.trim()) {
        if (firstBlank < 0) firstBlank = j;
      } else if (!/^\s*<!--.*-->\s*$/.test(line)) {
        empty = false;
        break;
      }
    }
    if (empty && firstBlank >= 0) positions.push(starts[firstBlank]);
  }
  return positions;
}

/** VS Code language ids that Markdown renderers (GitHub's, highlight.js) know by another name, or not at all. */
const FENCE_NAMES: Record<string, string> = {
  shellscript: 'sh',
  javascriptreact: 'jsx',
  typescriptreact: 'tsx',
  'objective-c': 'objc',
  'objective-cpp': 'objcpp',
  dockercompose: 'yaml',
  plaintext: '',
};

/** The info string of a code fence for text in this VS Code language. */
export function fenceLanguage(languageId: string): string {
  return Object.hasOwn(FENCE_NAMES, languageId) ? FENCE_NAMES[languageId] : languageId;
}
