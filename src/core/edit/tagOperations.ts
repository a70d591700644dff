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

/** Plans renaming (or merging, when `to` is already used) a tag in every entry that writes it. */
export async function planTagRename(kb: KnowledgeBase, fs: FileSystem, from: string, to: string): Promise<EditPlan> {
  if (from === to) return { changes: [], refused: [] };
  const key = kb.config.fields.tags ?? 'tags';
  const paths = [...kb.index.all()].filter((entry) => entry.writtenTags.includes(from)).map((entry) => entry.path);
  const plan = await planForFiles(kb, fs, paths.sort(), (editor) => editor.renameInList(key, from, to));
  // Entries whose front matter could not be read may hold the tag too: name them rather than skip them silently.
  for (const entry of kb.index.all()) {
    if (!entry.frontMatter.present || entry.frontMatter.editable || entry.writtenTags.length) continue;
    const text = await readText(fs, kb.absolutePath(entry.path));
    // Only its front matter can hold the tag: the body may name it in passing.
    if (!splitFrontMatter(text.replace(/^\uFEFF/, ''))?.yaml.includes(from)) continue;
    const result = editText(text, (editor) => editor.renameInList(key, from, to));
    plan.refused.push({ path: entry.path, reason: result.ok ? 'its front matter could not be read' : result.reason });
  }
  return plan;
}

export async function planForFiles(kb: KnowledgeBase, fs: FileSystem, paths: string[], operation: TextOperation): Promise<EditPlan> {
  const plan: EditPlan = { changes: [], refused: [] };
  for (const path of paths) {
    const before = await readText(fs, kb.absolutePath(path));
    const result = editText(before, operation);
    if (!result.ok) plan.refused.push({ path, reason: result.reason });
    else if (result.edits.length) plan.changes.push({ path, before, after: applyEdits(before, result.edits), edits: result.edits });
  }
  return plan;
}

/** Writes a plan's files, re-reading each first so a file changed since planning is not overwritten. */
export async function applyPlan(kb: KnowledgeBase, fs: FileSystem, plan: EditPlan): Promise<{ written: string[]; skipped: string[] }> {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const change of plan.changes) {
    const absolute = kb.absolutePath(change.path);
    const current = await readText(fs, absolute);
    if (current !== change.before) {
      skipped.push(change.path);
      continue;
    }
    await fs.writeFile(absolute, new TextEncoder().encode(change.after));
    written.push(change.path);
  }
  return { written, skipped };
}
