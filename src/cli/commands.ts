// The `commons` subcommands. Each returns its exit code: 0 clean, 1 findings of error severity (or
// files that could not be edited), 2 usage or configuration errors.
import * as path from 'node:path';
import { runChecks, sortFindings } from '../core/checks/runChecks';
import { isTagFinding, placedAtTag } from '../core/checks/tagPlaces';
import type { Finding } from '../core/model';
import { isoDay } from '../core/freshness';
import { GitHistory } from '../core/git/history';
import { KnowledgeBase } from '../core/knowledgeBase';
import { candidatePaths, builtInTemplate, folderForType, renderTemplate } from '../core/newEntry';
import { computeStats } from '../core/stats';
import { oversizedEntry, parseEntryBytes } from '../core/entryParser';
import { applyPlan, planTagRename, renameProblem, renameTarget, tagRenames } from '../core/edit/tagOperations';
import { renameVocabularyTag } from '../core/edit/configEdit';
import { applyEdits } from '../core/edit/textEdit';
import { CONFIG_FILE } from '../core/config';
import { pathKey } from '../core/paths';
import { plural } from '../core/plural';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { NodeGitRunner } from '../node/nodeGitRunner';
import { changedSince, requireWorkTree, UsageError } from './changedFiles';
import { stagedBytes, stagedFiles } from './setup';
import { formatFindings, type FindingFormat } from './output';

const fs = new NodeFileSystem();
const git = new NodeGitRunner();

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

async function findKnowledgeBaseRoot(dir: string | undefined): Promise<string> {
  const start = path.resolve(dir ?? '.');
  if ((await fs.stat(start))?.kind !== 'directory') throw new UsageError(`${start} is not a folder`);
  return KnowledgeBase.findRoot(fs, start);
}

/** A command that would write refuses while commons.yml has errors (exit 2). */
export class BrokenConfigError extends Error {}

interface OpenOptions {
  /** Where commons.yml's errors are printed, on stderr (check prints them among its findings instead). */
  io?: Io;
  /** What the command would write, for a refusal's message; set for commands that write. */
  writes?: string;
  /** Stands in for commons.yml as it is on disk (its staged bytes, for `check --staged`). */
  configBytes?: Uint8Array;
}

/**
 * Loads commons.yml, then the entries. A broken commons.yml leaves the defaults in its place (its
 * field names, vocabulary, entries folder), so its errors are always printed: read-only commands
 * carry on, but a command that writes would write the wrong field or the wrong folder, so it
 * refuses before reading any entry.
 */
export async function openKnowledgeBase(dir: string | undefined, options: OpenOptions = {}): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase(await findKnowledgeBaseRoot(dir), fs);
  await kb.loadConfig(options.configBytes);
  const errors = configErrors(kb);
  if (options.io) for (const finding of errors) options.io.err(`${finding.file}:${finding.line}: ${finding.message}`);
  if (options.writes && errors.length) {
    throw new BrokenConfigError(`${options.writes}: nothing written, as ${CONFIG_FILE} has ${plural(errors.length, 'error')} and the defaults would stand in for what it says; fix ${CONFIG_FILE} first`);
  }
  await kb.load({ sliceMs: Infinity, configLoaded: true });
  return kb;
}

/** commons.yml's errors: with any of them, some or all of it is replaced by defaults. */
export function configErrors(kb: KnowledgeBase): Finding[] {
  return kb.configFindings.filter((finding) => finding.severity === 'error');
}

export async function check(dir: string | undefined, format: FindingFormat, changedRef: string | undefined, io: Io, staged = false): Promise<number> {
  const root = staged ? await findKnowledgeBaseRoot(dir) : undefined;
  if (root) await requireWorkTree(git, root, '--staged');
  const stagedSet = root ? await stagedFiles(root) : undefined;
  // The commons.yml in the index is the one the commit will hold, staged or not: its rules judge
  // the staged entries. (One that is not in the index at all is read from the work tree.)
  const stagedConfig = root ? await stagedBytes(root, CONFIG_FILE).catch(() => undefined) : undefined;
  const kb = await openKnowledgeBase(root ?? dir, { configBytes: stagedConfig });
  // Staged entries are checked as staged, not as they are in the work tree now; those the commit
  // removes are gone, even when the work tree still holds them.
  if (stagedSet) await indexStagedTexts(kb, stagedSet.changed, stagedSet.removed);
  const chosen = changedRef ? await changedSince(git, kb.root, changedRef) : stagedSet && new Set([...stagedSet.changed, ...stagedSet.removed]);
  const paths = chosen && !changesTheRules(kb, chosen) ? entriesToCheck(kb, chosen) : undefined;
  const readText = staged ? (file: string) => stagedBytes(kb.root, file) : (file: string) => fs.readFile(kb.absolutePath(file));
  const findings = sortFindings(await placeTagFindings(kb, runChecks(kb, { paths }), readText));
  if (findings.length || format !== 'github') io.out(formatFindings(findings, format, kb.root));
  if (kb.configFindings.some((f) => f.severity === 'error')) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** Tag findings at the tag itself rather than its key's line, read from the text that was checked. */
async function placeTagFindings(kb: KnowledgeBase, findings: Finding[], readText: (file: string) => Promise<Uint8Array>): Promise<Finding[]> {
  const texts = new Map<string, string | undefined>();
  const placed: Finding[] = [];
  for (const finding of findings) {
    const entry = isTagFinding(finding) ? kb.index.get(finding.file) : undefined;
    if (entry && !texts.has(finding.file)) texts.set(finding.file, await readText(finding.file).then((bytes) => new TextDecoder().decode(bytes), () => undefined));
    const text = entry && texts.get(finding.file);
    placed.push(text === undefined || !entry ? finding : placedAtTag(finding, text, entry.frontMatter.endLine));
  }
  return placed;
}

/**
 * A change to commons.yml, a template or a .gitignore (which decides what is an entry) can bring
 * findings to any entry: then every entry is checked.
 */
function changesTheRules(kb: KnowledgeBase, changed: Set<string>): boolean {
  const templates = new Set(Object.values(kb.config.types).flatMap((type) => (type.template ? [type.template.replace(/^\.\//, '')] : [])));
  return [...changed].some((p) => p === CONFIG_FILE || p.startsWith('.commons/') || p === '.gitignore' || p.endsWith('/.gitignore') || templates.has(p));
}

/**
 * The changed entries, and the entries whose links a deleted (or renamed) entry may break:
 * Markdown links by its path, and every broken wikilink, since a gone entry's title (which a
 * wikilink may name) is no longer there to match.
 */
function entriesToCheck(kb: KnowledgeBase, changed: Set<string>): string[] {
  const paths = new Set([...changed].filter((p) => kb.index.get(p)));
  const gone = [...changed].filter((p) => kb.isEntryPath(p) && !kb.index.get(p));
  if (gone.length) {
    const goneKeys = new Set(gone.map(pathKey));
    for (const { source, link } of kb.index.brokenLinks()) if (link.kind === 'wiki' || goneKeys.has(pathKey(link.key))) paths.add(source);
  }
  return [...paths];
}

async function indexStagedTexts(kb: KnowledgeBase, paths: Set<string>, removed: Set<string>): Promise<void> {
  const upserts = [];
  const removals = [...removed].filter((entryPath) => kb.index.get(entryPath));
  for (const entryPath of paths) {
    if (!kb.isEntryPath(entryPath)) continue;
    // The same rules as a file read from disk: too large, binary or not UTF-8 is skipped with a finding.
    const bytes = await stagedBytes(kb.root, entryPath);
    const facts = { size: bytes.length, mtimeMs: 0 };
    const maxBytes = kb.config.maxFileBytes;
    upserts.push(bytes.length > maxBytes ? oversizedEntry(entryPath, facts, maxBytes) : parseEntryBytes(entryPath, bytes, facts, kb.parseContext));
  }
  kb.index.apply({ upserts, removals });
}

export async function stats(dir: string | undefined, json: boolean, io: Io): Promise<number> {
  const kb = await openKnowledgeBase(dir, { io });
  const history = new GitHistory(git, kb.root);
  await history.update().catch((error: Error) => io.err(`git history unavailable: ${error.message}`));
  const result = computeStats(kb, Date.now(), history);
  if (json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(`${kb.config.name ?? path.basename(kb.root)}: ${plural(result.entries, 'entry', 'entries')} (${result.withFrontMatter} with front matter, ${result.frontMatterErrors} with front-matter errors, ${result.skipped} skipped)`);
    io.out(`types: ${Object.entries(result.types).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`);
    io.out(`tags: ${Object.keys(result.tags).length} in use; links: ${result.links.total} (${result.links.broken} broken)`);
    io.out(`questions: ${result.questions.open} open, ${result.questions.answered} answered; due for review: ${result.dueForReview}; people: ${result.people}`);
  }
  // As check does: figures read with a broken commons.yml are the defaults' figures (said above).
  return configErrors(kb).length ? 2 : 0;
}

export async function tagsList(dir: string | undefined, io: Io): Promise<number> {
  const kb = await openKnowledgeBase(dir, { io });
  const counts = kb.index.tagCounts();
  const names = new Set([...counts.keys(), ...Object.keys(kb.config.tags)]);
  for (const tag of [...names].sort()) {
    const spec = kb.vocabulary.describe(tag);
    const known = kb.vocabulary.isEmpty || kb.vocabulary.isKnown(tag) ? '' : '  (not in vocabulary)';
    io.out(`${tag}\t${counts.get(tag) ?? 0}${spec?.description ? `\t${spec.description}` : ''}${known}`);
  }
  // As stats does: tags counted under a broken commons.yml are the defaults' (its errors are said above).
  return configErrors(kb).length ? 2 : 0;
}

export async function tagsRename(dir: string | undefined, from: string, to: string, io: Io, verb: 'rename' | 'merge' = 'rename'): Promise<number> {
  const oldName = from.trim();
  const problem = renameProblem(oldName, to.trim());
  if (problem) throw new UsageError(problem);
  const kb = await openKnowledgeBase(dir, { io, writes: `tags ${verb} ${oldName} ${to.trim()}` });
  const newName = renameTarget(kb, oldName, to.trim());
  if (newName === oldName) throw new UsageError(`"${to.trim()}" is an alias of "${oldName}": nothing to rename or merge`);
  const plan = await planTagRename(kb, fs, oldName, newName);
  const renames = tagRenames(kb, oldName, newName);
  // Files whose front matter could not be read are still named below (plan.refused).
  if (!plan.refused.length && !renames.size) {
    throw new UsageError(`no entry is tagged "${oldName}" (\`commons tags list\` shows the tags in use)`);
  }
  const result = await applyPlan(kb, fs, plan);
  for (const file of result.written) io.out(`updated ${file}`);
  // Child tags (`a/b` under `a`) move with their parent: said, as they are other tags' names.
  const children = [...renames].filter(([written]) => written.toLowerCase().startsWith(`${kb.vocabulary.resolve(oldName).toLowerCase()}/`));
  if (result.written.length && children.length) {
    const shown = children.slice(0, 10).map(([written, next]) => `"${written}" -> "${next}"`).join(', ');
    io.out(`with its child ${children.length === 1 ? 'tag' : `tags (${children.length})`}: ${shown}${children.length > 10 ? ', …' : ''}`);
  }
  if (result.written.length) await renameInVocabulary(kb, oldName, newName, io);
  for (const file of result.skipped) io.err(`skipped ${file}: it changed while the rename ran; run the command again`);
  for (const refused of plan.refused) io.err(`not edited ${refused.path}: ${refused.reason}`);
  for (const failed of result.failed) io.err(`not edited ${failed.path}: it cannot be written (${failed.reason})`);
  const notEdited = plan.refused.length + result.skipped.length + result.failed.length;
  io.out(`${plural(result.written.length, 'file')} updated, ${notEdited} not edited`);
  return notEdited ? 1 : 0;
}

/** Renames the tag in commons.yml too, when it declares it (see renameVocabularyTag). */
async function renameInVocabulary(kb: KnowledgeBase, from: string, to: string, io: Io): Promise<void> {
  const file = kb.absolutePath(CONFIG_FILE);
  if ((await fs.stat(file))?.kind !== 'file') return;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fs.readFile(file));
  const result = renameVocabularyTag(text, from, to);
  if (!result.ok) io.err(`not edited ${CONFIG_FILE}: ${result.reason}; rename "${from}" in its vocabulary yourself`);
  else if (result.edits.length) {
    try {
      await fs.writeFile(file, new TextEncoder().encode(applyEdits(text, result.edits)));
    } catch (error) {
      io.err(`not edited ${CONFIG_FILE}: it cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); rename "${from}" in its vocabulary yourself`);
      return;
    }
    io.out(`updated ${CONFIG_FILE}: its vocabulary names "${to}" where it named "${from}"`);
  }
}

export async function newEntry(dir: string | undefined, type: string, rawTitle: string, rawTags: string[], io: Io): Promise<number> {
  // A title is one line: a line break in it would end the heading and the YAML scalar early.
  const title = rawTitle.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
  if (!title) throw new UsageError('the title must not be empty');
  const kb = await openKnowledgeBase(dir, { io, writes: `new ${type}` });
  // As the editor's tag picker does: an alias is written as the tag it stands for.
  const tags = [...new Set(rawTags.map((tag) => kb.vocabulary.resolve(tag)))];
  if (!kb.config.types[type]) throw new UsageError(`unknown type "${type}" (known: ${Object.keys(kb.config.types).join(', ')})`);
  const folder = folderForType(kb.config, type, kb.index);
  const template = await readTemplate(kb, type, io);
  const author = await gitIdentity(kb.root);
  const rendered = renderTemplate(template.text, { type, title, tags, author, date: isoDay(Date.now()) }, kb.config.fields.tags ?? 'tags');
  if (!rendered.ok) {
    io.err(`commons: new ${type}: nothing written: filled in for this entry, ${template.name} gives an entry Commons cannot read or tag (${rendered.reason})`);
    return 2;
  }
  for (const candidate of candidatePaths(folder, title)) {
    if (await fs.createFile(kb.absolutePath(candidate), new TextEncoder().encode(rendered.text))) {
      io.out(candidate);
      return 0;
    }
  }
  return 1;
}

/**
 * The type's template and what to call it: the one commons.yml names (said when it cannot be read),
 * else `.commons/templates/TYPE.md`, else the built-in one.
 */
async function readTemplate(kb: KnowledgeBase, type: string, io: Io): Promise<{ text: string; name: string }> {
  const named = kb.config.types[type]?.template;
  const relative = named ?? `.commons/templates/${type}.md`;
  const templatePath = path.resolve(kb.root, relative);
  const fallBack = (why: string) => {
    if (named) io.err(`${CONFIG_FILE} names the template ${named} for ${type}, which ${why}: the built-in template is used`);
    return { text: builtInTemplate(type, kb.config.fields), name: `the built-in ${type} template` };
  };
  if (!templatePath.startsWith(kb.root + path.sep)) return fallBack('is outside the knowledge base');
  try {
    return { text: new TextDecoder().decode(await fs.readFile(templatePath)), name: `the template ${relative}` };
  } catch (error) {
    return fallBack(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

async function gitIdentity(cwd: string): Promise<string | undefined> {
  const read = async (key: string) => (await git.run(['config', '--get', key], cwd).catch(() => '')).trim();
  const [name, email] = [await read('user.name'), await read('user.email')];
  if (name && email) return `${name} <${email}>`;
  return name || email || undefined;
}
