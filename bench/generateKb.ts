// Generates a large, realistic knowledge base for the benchmark: folders up to three deep (each
// top-level folder holds about 5% of the entries), a 300-tag vocabulary with hierarchical tags and
// aliases, about 400 people, Zipf-skewed tag and author use, and 2-8 links per entry of which
// about 2% are broken. The output depends only on the seed, and is cached in the temp folder
// because writing 100,000 files takes far longer than indexing them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bodyText, frontMatterText, linkText, titleWords, type PlannedEntry } from './kbContent';
import { Random, Zipf } from './random';
import { FIRST_NAMES, FOLDERS, LAST_NAMES, SUBTOPICS, TOPICS } from './words';

/** Bump when the generated content changes, so stale caches are not measured by mistake. */
const GENERATOR_VERSION = 1;
const SEED = 20240611;
const AREAS = 20;
const MARKER = '.generated';

interface Vocabulary {
  /** Tags by Zipf rank: index 0 is the most used. */
  tags: string[];
  aliases: Map<string, string>;
  people: string[];
}

/** The root of the generated knowledge base, writing it first when no complete copy is cached. */
export function generatedKb(count = 100_000): string {
  const root = path.join(os.tmpdir(), `commons-bench-kb-${count}-v${GENERATOR_VERSION}`);
  if (fs.existsSync(path.join(root, MARKER))) return root;
  const partial = `${root}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
  writeKb(partial, count);
  fs.writeFileSync(path.join(partial, MARKER), new Date().toISOString());
  // Renaming last means an interrupted run never leaves a half-written cache that looks complete.
  fs.renameSync(partial, root);
  return root;
}

function writeKb(root: string, count: number): void {
  const random = new Random(SEED);
  const vocabulary = makeVocabulary(random);
  const folders = makeFolders(random);
  const entries = planEntries(random, count, folders);
  const byArea: PlannedEntry[][] = Array.from({ length: AREAS }, () => []);
  for (const entry of entries) byArea[entry.area].push(entry);
  for (const folder of new Set(entries.map((entry) => path.posix.dirname(entry.path)))) fs.mkdirSync(path.join(root, folder), { recursive: true });
  fs.writeFileSync(path.join(root, 'commons.yml'), configText(vocabulary));

  const tagRanks = new Zipf(vocabulary.tags.length, 1);
  const personRanks = new Zipf(vocabulary.people.length, 0.9);
  for (const entry of entries) {
    const tags = tagRanks.drawDistinct(random, random.int(1, 6)).map((rank) => {
      const tag = vocabulary.tags[rank];
      const alias = vocabulary.aliases.get(tag);
      return alias && random.chance(0.03) ? alias : tag;
    });
    const authors = personRanks.drawDistinct(random, random.int(1, 3)).map((rank) => vocabulary.people[rank]);
    const links: string[] = [];
    for (let i = random.int(2, 8); i > 0; i--) {
      const pool = random.chance(0.5) ? byArea[entry.area] : entries;
      const target = random.chance(0.02) ? undefined : random.pick(pool);
      links.push(linkText(entry, target, random));
    }
    const text = frontMatterText(entry, { tags, authors }, random) + bodyText(entry.title, links, random.int(1024, 6144), random);
    fs.writeFileSync(path.join(root, entry.path), text);
  }
}

function makeVocabulary(random: Random): Vocabulary {
  const tagSet = new Set<string>(TOPICS);
  while (tagSet.size < 300) tagSet.add(`${random.pick(TOPICS)}/${random.pick(SUBTOPICS)}`);
  const tags = shuffle([...tagSet], random);
  const aliases = new Map<string, string>();
  for (const tag of tags) {
    if (aliases.size >= 50 || !random.chance(0.2)) continue;
    // Aliases are the spellings people reach for first: a flat name for a nested tag, or a short form.
    const alias = tag.includes('/') ? tag.replace('/', '-') : `${tag.slice(0, 4)}x`;
    if (!tagSet.has(alias) && ![...aliases.values()].includes(alias)) aliases.set(tag, alias);
  }
  const people = new Set<string>();
  while (people.size < 400) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const roll = random.next();
    const email = `${first}.${last}@example.com`;
    const name = `${cap(first)} ${cap(last)}`;
    people.add(roll < 0.7 ? `${name} <${email}>` : roll < 0.9 ? email : name);
  }
  return { tags, aliases, people: [...people] };
}

/** Top-level folders with two more levels below; entries go to any of the three depths. */
function makeFolders(random: Random): string[][][] {
  const areas = shuffle([...FOLDERS], random).slice(0, AREAS);
  return areas.map((area) => {
    const subs = shuffle([...TOPICS], random).slice(0, 4);
    return subs.map((sub) => [`${area}/${sub}`, ...shuffle([...SUBTOPICS], random).slice(0, 3).map((leaf) => `${area}/${sub}/${leaf}`)]);
  });
}

function planEntries(random: Random, count: number, folders: string[][][]): PlannedEntry[] {
  const entries: PlannedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const area = random.int(0, AREAS - 1);
    const depth = random.next();
    const sub = random.pick(folders[area]);
    const folder = depth < 0.15 ? sub[0].split('/')[0] : depth < 0.5 ? sub[0] : random.pick(sub.slice(1));
    const title = titleWords(random);
    const slug = `${title.toLowerCase().split(' ').slice(0, 5).join('-')}-${i.toString(36)}`;
    entries.push({ path: `${folder}/${slug}.md`, slug, title, area });
  }
  return entries;
}

function configText(vocabulary: Vocabulary): string {
  const lines = ['# Generated knowledge base for the Commons benchmark.', 'name: Benchmark Guild', 'review: { interval: 365d }', 'tags:'];
  vocabulary.tags.forEach((tag, rank) => {
    lines.push(`  ${tag}:`, `    description: Everything about ${tag.replace('/', ' and ')}, collected by the guild.`);
    const alias = vocabulary.aliases.get(tag);
    if (alias) lines.push(`    aliases: [${alias}]`);
    if (rank % 7 === 0) lines.push(`    stewards: [${vocabulary.people[rank % vocabulary.people.length].replace(/^.*<|>$/g, '')}]`);
  });
  return lines.join('\n') + '\n';
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

if (require.main === module) {
  const started = Date.now();
  const root = generatedKb(Number(process.argv[2] ?? 100_000));
  console.log(`${root} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
