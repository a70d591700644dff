// New entries: safe file names and templates. Nothing here ever overwrites an existing file.
import type { CommonsConfig } from './config';
import { editText } from './edit/tagOperations';
import { applyEdits } from './edit/textEdit';
import { formatScalar } from './edit/frontMatterEdit';

export interface NewEntryRequest {
  type: string;
  title: string;
  tags: string[];
  author?: string;
  /** YYYY-MM-DD */
  date: string;
}

const RESERVED_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_SLUG = 80;

/** An ASCII slug, for branch names (as git hosts and shells expect): lower-case ASCII letters, digits and dashes. */
export function slugify(title: string): string {
  return slugOf(title, /[^a-z0-9]+/g);
}

/**
 * A file-name slug that keeps the title's own script: lower-case letters (with their vowel signs
 * and other combining marks) and digits of any language, dashes between words.
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

/** The folder for a new entry of a type: `<entries>/<type>` or its plural when it exists, else `<entries>`. */
export function folderForType(config: CommonsConfig, type: string, existingFolders: Set<string>): string {
  const base = config.entries;
  for (const name of [type, `${type}s`, `${type}es`]) {
    const folder = base ? `${base}/${name}` : name;
    if (existingFolders.has(folder)) return folder;
  }
  return base;
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

/**
 * Fills `${title}`, `${type}`, `${tags}`, `${author}` and `${date}`, quoting for YAML where needed.
 * Chosen tags are added even when the template writes its own `tags: []` instead of `${tags}`.
 */
export function renderTemplate(template: string, request: NewEntryRequest, tagsKey = 'tags'): string {
  const text = fillTemplate(template, request);
  if (!request.tags.length) return text;
  const added = editText(text, (editor) => editor.addToList(tagsKey, request.tags));
  return added.ok ? applyEdits(text, added.edits) : text;
}

function fillTemplate(template: string, request: NewEntryRequest): string {
  const frontMatterEnd = template.startsWith('---') ? template.indexOf('\n---', 3) : -1;
  const fill = (text: string, inYaml: boolean) =>
    text.replace(/\$\{(title|type|tags|author|date)\}/g, (_, name: string) => {
      switch (name) {
        case 'title':
          return inYaml ? yamlText(request.title) : request.title;
        case 'type':
          return request.type;
        case 'tags':
          return inYaml ? `[${request.tags.map(yamlText).join(', ')}]` : request.tags.join(', ');
        case 'author':
          return inYaml ? yamlText(request.author ?? '') : request.author ?? '';
        default:
          return request.date;
      }
    });
  if (frontMatterEnd < 0) return fill(template, false);
  // Inside quotes the template already quotes: fill raw text there.
  const yamlPart = template.slice(0, frontMatterEnd).replace(/(["'])\$\{(title|author)\}\1/g, (_, quote: string, name: 'title' | 'author') => {
    const raw = name === 'title' ? request.title : request.author ?? '';
    return quote === '"' ? JSON.stringify(raw) : `'${raw.replace(/'/g, "''")}'`;
  });
  return fill(yamlPart, true) + fill(template.slice(frontMatterEnd), false);
}

/** Plain when YAML reads it back as the same text (see formatScalar), else double-quoted. */
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
