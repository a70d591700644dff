// The text of one generated entry: YAML front matter and a Markdown body with headings,
// paragraphs, lists, code fences and links. Sizes, field shapes and link forms are mixed the way
// hand-written knowledge bases mix them, so the parser meets every path it meets in real use.
import * as path from 'node:path';
import type { Random } from './random';
import { CODE_LINES, PROSE, SUBTOPICS } from './words';

export interface PlannedEntry {
  /** KB-relative POSIX path. */
  path: string;
  slug: string;
  title: string;
  /** Index of the top-level folder, so links can prefer neighbours as real writers do. */
  area: number;
}

export interface EntryFacts {
  tags: string[];
  authors: string[];
}

const TYPES = ['practice', 'how-to', 'how-to', 'lesson', 'question', 'decision', 'reference', 'reference', 'how-to', 'practice'];

export function frontMatterText(entry: PlannedEntry, facts: EntryFacts, random: Random): string {
  const type = random.pick(TYPES);
  const lines = ['---'];
  lines.push(random.chance(0.2) ? `title: "${entry.title}"` : `title: ${entry.title}`);
  lines.push(`type: ${type}`);
  if (random.chance(0.6)) lines.push(`tags: [${facts.tags.join(', ')}]`);
  else lines.push('tags:', ...facts.tags.map((tag) => `  - ${tag}`));
  if (facts.authors.length === 1 && random.chance(0.5)) lines.push(`authors: ${facts.authors[0]}`);
  else lines.push('authors:', ...facts.authors.map((author) => `  - ${author}`));
  const created = date(random, 2017, 2023);
  lines.push(`created: ${created}`);
  if (random.chance(0.8)) lines.push(`reviewed: ${laterDate(created, random)}`);
  const status = statusFor(type, random);
  if (status) lines.push(`status: ${status}`);
  lines.push(`summary: ${capitalize(sentence(random, 8, 18))}`);
  lines.push('---', '');
  return lines.join('\n');
}

/** A body of roughly `targetBytes`, carrying every link in `links` somewhere in its prose. */
export function bodyText(title: string, links: string[], targetBytes: number, random: Random): string {
  const parts: string[] = [];
  let size = 0;
  const push = (text: string) => {
    parts.push(text);
    size += text.length + 2;
  };
  if (random.chance(0.3)) push(`# ${title}`);
  push(paragraph(random));
  const pending = [...links];
  while (size < targetBytes || pending.length) {
    if (size >= targetBytes) {
      push('## See also');
      push(pending.splice(0).map((link) => `- ${link}`).join('\n'));
      break;
    }
    push(`## ${capitalize(sentence(random, 2, 5))}`);
    const kind = random.next();
    if (kind < 0.2) push(codeFence(random));
    else if (kind < 0.35) push(list(random));
    else if (kind < 0.45) push(`### ${capitalize(random.pick(SUBTOPICS))}`);
    const paragraphLinks = pending.length && random.chance(0.6) ? pending.splice(0, random.int(1, 2)) : [];
    push(paragraph(random, paragraphLinks));
  }
  return parts.join('\n\n') + '\n';
}

/** A link from `from` to `to` in one of the forms people write: by name, by title, or by relative path. */
export function linkText(from: PlannedEntry, to: PlannedEntry | undefined, random: Random): string {
  if (!to) {
    // A broken link: the target was renamed or never written.
    const missing = `missing-note-${random.int(1, 1_000_000).toString(36)}`;
    return random.chance(0.5) ? `[[${missing}]]` : `[an old page](../${missing}.md)`;
  }
  const form = random.next();
  if (form < 0.3) return `[[${to.slug}]]`;
  if (form < 0.4) return `[[${to.slug}|${to.title.toLowerCase()}]]`;
  if (form < 0.5) return `[[${to.title}]]`;
  const relative = path.posix.relative(path.posix.dirname(from.path), to.path);
  const anchor = random.chance(0.1) ? '#details' : '';
  return `[${to.title}](${relative}${anchor})`;
}

export function titleWords(random: Random): string {
  return capitalize(sentence(random, 3, 7));
}

function paragraph(random: Random, links: string[] = []): string {
  const sentences: string[] = [];
  const count = random.int(2, 6);
  for (let i = 0; i < count; i++) {
    let text = capitalize(sentence(random, 8, 22));
    if (i < links.length) text += ` See ${links[i]}`;
    if (random.chance(0.1)) text += ` Run \`${random.pick(PROSE)} --${random.pick(PROSE)}\` first`;
    sentences.push(text + '.');
  }
  return sentences.join(' ');
}

function list(random: Random): string {
  const items: string[] = [];
  for (let i = random.int(2, 6); i > 0; i--) items.push(`- ${capitalize(sentence(random, 3, 10))}`);
  return items.join('\n');
}

function codeFence(random: Random): string {
  const lines: string[] = [];
  for (let i = random.int(2, 10); i > 0; i--) lines.push(random.pick(CODE_LINES));
  return ['```' + random.pick(['ts', 'sh', 'sql', 'go', 'python', '']), ...lines, '```'].join('\n');
}

function sentence(random: Random, min: number, max: number): string {
  const words: string[] = [];
  for (let i = random.int(min, max); i > 0; i--) words.push(random.pick(PROSE));
  return words.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function statusFor(type: string, random: Random): string | undefined {
  if (type === 'question') return random.pick(['open', 'answered', 'answered']);
  if (type === 'decision') return random.pick(['proposed', 'accepted', 'accepted', 'superseded']);
  const roll = random.next();
  return roll < 0.7 ? 'published' : roll < 0.8 ? 'draft' : undefined;
}

function date(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  return `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
}

function laterDate(created: string, random: Random): string {
  const year = Math.min(2024, Number(created.slice(0, 4)) + random.int(0, 3));
  return `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
