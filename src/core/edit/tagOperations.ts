// Tag edits on files: one entry at a time (editor commands) or across the knowledge base (rename and
// merge). Planning reads and computes; applying is the caller's job, so the editor can preview and
// route the change through a WorkspaceEdit while the CLI writes files.
import { splitFrontMatter } from '../frontMatterBlock';
import type { KnowledgeBase } from '../knowledgeBase';
import type { FileSystem } from '../ports';
import { FrontMatterEditor, type EditResult } from './frontMatterEdit';
import { applyEdits, type TextEdit } from './textEdit';

export interface FileChange {
  path: string;
  before: string;
  after: string;
  edits: TextEdit[];
}

export interface EditPlan {
  changes: FileChange[];
  /** Files that hold the tag but could not be edited safely, with the reason. */
  refused: Array<{ path: string; reason: string }>;
}

export type TextOperation = (editor: FrontMatterEditor) => EditResult;

/** Runs one front-matter operation on a file's text. */
export function editText(text: string, operation: TextOperation): EditResult {
  const editor = FrontMatterEditor.open(text);
  if (!(editor instanceof FrontMatterEditor)) return { ok: false, reason: editor.reason };
  return operation(editor);
}

/**
 * A file's text with its byte order mark, if it has one, so that what is written back keeps it
 * (TextDecoder drops it by default; FrontMatterEditor reads past it).
 */
async function readText(fs: FileSystem, absolute: string): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await fs.readFile(absolute));
}

/**
 * Why a tag cannot be renamed to `to`, or undefined when it can: into itself, with a comma (comma
 * text would read it as two), or into one of its own children (its children would move twice).
 */
export function renameProblem(from: string, to: string): string | undefined {
  if (!from.trim() || !to.trim()) return 'tag names must not be empty';
  if (from === to) return `"${from}" and "${to}" are the same tag: nothing to rename or merge`;
  if (to.includes(',')) return `a tag cannot contain a comma: "${to}"`;
  if (to.toLowerCase().startsWith(`${from.toLowerCase()}/`)) return `"${to}" is a child of "${from}": a tag cannot move into its own children`;
  return undefined;
}

/**
 * The tag a rename or merge writes for `to`: an alias of the vocabulary stands for its tag, so
 * merging into `k8s` merges into `kubernetes` (writing the alias would leave commons.yml declaring
 * a tag that is also another's alias). Renaming an alias itself keeps the name given.
 */
export function renameTarget(kb: KnowledgeBase, from: string, to: string): string {
  return kb.vocabulary.aliasOf(to) !== undefined && kb.vocabulary.aliasOf(from) === undefined ? kb.vocabulary.resolve(to) : to;
}

/** Whether `to` is a tag already, in use or declared: renaming into it merges the two. */
export function isMergeInto(kb: KnowledgeBase, to: string): boolean {
  return kb.index.tagCounts().has(kb.vocabulary.resolve(to)) || kb.vocabulary.describe(to) !== undefined;
}

/**
 * What a rename or merge of `from` into `to` writes for each spelling entries use: every spelling
 * the index counts as that tag, so `tags list` and the rename agree. With a vocabulary that takes
 * in other letter cases (`Kubernetes`) and aliases (`k8s`). Aliases stay as written in a rename,
 * where the declaration in commons.yml takes them along, and change in a merge, where they would
 * keep carrying the old tag. Child tags (`from/x`) move along, to `to/x`. Renaming an alias
 * itself changes only that alias, in any letter case.
 */
export function tagRenames(kb: KnowledgeBase, from: string, to: string): Map<string, string> {
  const { vocabulary } = kb;
  const merge = isMergeInto(kb, to);
  const fromAlias = vocabulary.aliasOf(from) !== undefined;
  const tag = vocabulary.resolve(from);
  const renames = new Map<string, string>();
  const childPrefix = `${tag}/`;
  // Most spellings recur across entries: each is judged once.
  const seen = new Set<string>();
  for (const entry of kb.index.all()) {
    for (const written of entry.writtenTags) {
      if (seen.has(written)) continue;
      seen.add(written);
      if (fromAlias) {
        if (written.toLowerCase() === from.toLowerCase()) renames.set(written, to);
      } else if (vocabulary.resolve(written) === tag) {
        if (merge || !vocabulary.aliasOf(written)) renames.set(written, to);
      } else if (vocabulary.resolve(written).startsWith(childPrefix) && !vocabulary.aliasOf(written)) {
        // A child as the index files it (under the tag's own spelling), renamed in its written letter case.
        renames.set(written, to + written.slice(tag.length));
      }
    }
  }
  for (const [written, next] of renames) if (written === next) renames.delete(written);
  return renames;
}

/** Whether a file Commons could not read as text names the tag in its front matter (read byte for byte, as Latin-1). */
function mayHoldTag(bytes: Uint8Array, tag: string): boolean {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64 << 10));
  const yaml = splitFrontMatter(text)?.yaml ?? '';
  return yaml.toLowerCase().includes(tag.toLowerCase());
}

/** Renames each spelling (key) to its new text (value) in a file's tags, as one edit of the text. */
export function renameSpellings(text: string, key: string, renames: ReadonlyMap<string, string>): EditResult {
  let current = text;
  let only: EditResult | undefined;
  for (const [spelling, to] of renames) {
    const result = editText(current, (editor) => editor.renameInList(key, spelling, to));
    if (!result.ok) return result;
    if (!result.edits.length) continue;
    // One spelling's edits apply to the text as given: no span to work out (the usual case).
    only = current === text ? result : undefined;
    current = applyEdits(current, result.edits);
  }
  if (current === text) return { ok: true, edits: [] };
  return only ?? { ok: true, edits: [changedSpan(text, current)] };
}

/** The one edit that turns `before` into `after`: what lies between their common start and end. */
function changedSpan(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never between the two halves of a character outside the Basic Multilingual Plane (an emoji):
  // an editor would move such a boundary and leave half a character behind.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Plans renaming (or merging, when `to` is already used) a tag in every entry that writes it, in any spelling the index counts as it (see tagRenames). */
export async function planTagRename(kb: KnowledgeBase, fs: FileSystem, from: string, to: string): Promise<EditPlan> {
  if (renameProblem(from, to)) return { changes: [], refused: [] };
  const key = kb.config.fields.tags ?? 'tags';
  const renames = tagRenames(kb, from, to);
  // Each file gets only the spellings it writes: every spelling costs a parse of its front matter.
  const ownRenames = new Map<string, Map<string, string>>();
  for (const entry of kb.index.all()) {
    const own = entry.writtenTags.filter((tag) => renames.has(tag));
    if (own.length) ownRenames.set(entry.path, new Map(own.map((tag) => [tag, renames.get(tag)!])));
  }
  const plan = await planForTexts(kb, fs, [...ownRenames.keys()].sort(), (text, path) => renameSpellings(text, key, ownRenames.get(path)!));
  // The index counts the tag in these files: one the edit did not reach is named, never passed over.
  const reached = new Set([...plan.changes.map((change) => change.path), ...plan.refused.map((refused) => refused.path)]);
  for (const path of ownRenames.keys()) {
    if (!reached.has(path)) plan.refused.push({ path, reason: 'its tags hold the tag in a form Commons does not edit: edit it by hand' });
  }
  // Files the index skipped (too large, not UTF-8, unreadable) were never read: those that may hold the tag are named.
  for (const entry of kb.index.all()) {
    if (!entry.skipped) continue;
    const why = entry.findings[0]?.message ?? 'it was skipped';
    const bytes = await fs.readFile(kb.absolutePath(entry.path)).catch(() => undefined);
    if (bytes && !mayHoldTag(bytes, from)) continue;
    plan.refused.push({ path: entry.path, reason: `not read (${why}), so not edited` });
  }
  // Entries whose front matter could not be read may hold the tag too: name them rather than skip them silently.
  for (const entry of kb.index.all()) {
    if (!entry.frontMatter.present || entry.frontMatter.editable || entry.writtenTags.length) continue;
    const text = await readText(fs, kb.absolutePath(entry.path));
    // Only its front matter can hold the tag: the body may name it in passing.
    if (!splitFrontMatter(text.replace(/^\uFEFF/, ''))?.yaml.includes(from)) continue;
    const result = editText(text, (editor) => editor.renameInList(key, from, to));
    const finding = entry.findings.find((one) => one.rule.startsWith('front-matter') && one.severity === 'error');
    const unread = finding ? `its front matter could not be read (line ${finding.line}: ${finding.message})` : 'its front matter could not be read';
    // The index's own finding names the line and reason check reports; the editor's parser may place it elsewhere.
    plan.refused.push({ path: entry.path, reason: finding || result.ok ? unread : result.reason });
  }
  return plan;
}

export function planForFiles(kb: KnowledgeBase, fs: FileSystem, paths: string[], operation: TextOperation): Promise<EditPlan> {
  return planForTexts(kb, fs, paths, (text) => editText(text, operation));
}

async function planForTexts(kb: KnowledgeBase, fs: FileSystem, paths: string[], edit: (text: string, path: string) => EditResult): Promise<EditPlan> {
  const plan: EditPlan = { changes: [], refused: [] };
  for (const path of paths) {
    const before = await readText(fs, kb.absolutePath(path));
    const result = edit(before, path);
    if (!result.ok) plan.refused.push({ path, reason: result.reason });
    else if (result.edits.length) plan.changes.push({ path, before, after: applyEdits(before, result.edits), edits: result.edits });
  }
  return plan;
}

/** Writes a plan's files, re-reading each first so a file changed since planning is not overwritten. */
export async function applyPlan(kb: KnowledgeBase, fs: FileSystem, plan: EditPlan): Promise<{ written: string[]; skipped: string[]; failed: Array<{ path: string; reason: string }> }> {
  const written: string[] = [];
  const skipped: string[] = [];
  // Files that could not be written (no permission, a full disk): named, and the others still edited.
  const failed: Array<{ path: string; reason: string }> = [];
  // Entries that are one file (a symbolic link to another entry): the file is edited once.
  const writtenFiles = new Set<string>();
  for (const change of plan.changes) {
    const absolute = kb.absolutePath(change.path);
    const file = fs.realPath ? await fs.realPath(absolute) : absolute;
    if (writtenFiles.has(file)) {
      written.push(change.path);
      continue;
    }
    const current = await readText(fs, absolute);
    if (current !== change.before) {
      skipped.push(change.path);
      continue;
    }
    try {
      await fs.writeFile(absolute, new TextEncoder().encode(change.after));
    } catch (error) {
      failed.push({ path: change.path, reason: writeProblem(error) });
      continue;
    }
    writtenFiles.add(file);
    written.push(change.path);
  }
  return { written, skipped, failed };
}

/**
 * Why a write failed, in the file system's words without the path it names (which may be a
 * temporary file beside the entry): "EACCES: permission denied", "ENOSPC: no space left on device".
 */
function writeProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && message.startsWith(`${code}: `) ? message.split(', ')[0] : message;
}
