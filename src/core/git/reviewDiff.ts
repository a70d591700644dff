// The review of one entry in a contribution: its text before and after, what changed in its front
// matter field by field, and which findings the contribution brings in (not those it inherited).
import { checkEntry } from '../checks/runChecks';
import { CONFIG_FILE } from '../config';
import { parseEntryText, toTagList } from '../entryParser';
import { readYaml, splitFrontMatter } from '../frontMatter';
import type { KnowledgeBase } from '../knowledgeBase';
import type { Entry, Finding } from '../model';
import { GitError, type GitRunner } from '../ports';
import { defaultBranch, defaultBranchCommit, resolveCommit } from './reviewRefs';

export interface ReviewContext {
  /** The knowledge base as checked out: its configuration, vocabulary and index judge both versions. */
  kb: KnowledgeBase;
  /** The knowledge base's folder inside the repository, e.g. `docs/kb/` (`''` at the top). */
  kbPrefix: string;
  /** The merge base when the caller already knows it (from listContributions), saving a git call. */
  mergeBase?: string;
}

export interface FieldChange {
  /** The key as written in the file (a repository may map `tags` to another name). */
  field: string;
  before?: unknown;
  after?: unknown;
  kind: 'added' | 'removed' | 'changed';
  /** For list fields: items that appear only after, and only before, in written order. */
  added?: string[];
  removed?: string[];
}

export interface EntryReview {
  /** Knowledge-base-relative path. */
  path: string;
  head: string;
  mergeBase: string;
  /** Undefined when the contribution adds the entry. */
  before?: string;
  /** Undefined when the contribution removes the entry. */
  after?: string;
  beforeEntry?: Entry;
  afterEntry?: Entry;
  fields: FieldChange[];
  /** Findings of the new version that the old version did not already have. */
  introduced: Finding[];
}

export async function reviewEntry(git: GitRunner, cwd: string, branch: string, path: string, context: ReviewContext): Promise<EntryReview> {
  const head = await resolveCommit(git, cwd, branch);
  if (!head) throw new GitError(`"${branch}" is not a branch or commit in this repository`, 1, '');
  const mergeBase = context.mergeBase ?? (await findMergeBase(git, cwd, head));
  const repoPath = context.kbPrefix + path;
  const [before, after] = await Promise.all([readBlob(git, cwd, mergeBase, repoPath), readBlob(git, cwd, head, repoPath)]);
  const parse = (text: string | undefined) => (text === undefined ? undefined : parseEntryText(path, text, { size: byteLength(text), mtimeMs: 0 }, context.kb.parseContext));
  const beforeEntry = parse(before);
  const afterEntry = parse(after);
  const introduced = afterEntry ? newFindings(beforeEntry ? findingsOf(context.kb, beforeEntry) : [], findingsOf(context.kb, afterEntry)) : [];
  return { path, head, mergeBase, before, after, beforeEntry, afterEntry, fields: fieldChanges(before, after, tagsKey(context.kb)), introduced };
}

async function findMergeBase(git: GitRunner, cwd: string, head: string): Promise<string> {
  const base = await defaultBranchCommit(git, cwd, await defaultBranch(git, cwd));
  return (await git.run(['merge-base', base, head], cwd)).trim();
}

/**
 * Reads a file as stored in a commit, or undefined when it is not there. `cat-file blob` never
 * runs text conversion or filters, so the bytes are exactly what was committed; the path follows
 * the commit's hash in one argument, so it can never be read as an option, and needs no quoting.
 */
async function readBlob(git: GitRunner, cwd: string, commit: string, repoPath: string): Promise<string | undefined> {
  const exists = await git.run(['cat-file', '-e', `${commit}:${repoPath}`], cwd).then(() => true, () => false);
  if (!exists) return undefined;
  return git.run(['cat-file', 'blob', `${commit}:${repoPath}`], cwd);
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Parse findings and rule findings together, as the editor and the CLI would show them. */
function findingsOf(kb: KnowledgeBase, entry: Entry): Finding[] {
  return [...entry.findings, ...checkEntry(kb, entry)];
}

/**
 * Findings are matched by rule and message, not by line: edits above a problem move it without
 * making it new. Counting keeps a second copy of an old problem visible as introduced.
 */
function newFindings(before: Finding[], after: Finding[]): Finding[] {
  const remaining = new Map<string, number>();
  const key = (f: Finding) => `${f.rule}\0${f.message}`;
  for (const finding of before) remaining.set(key(finding), (remaining.get(key(finding)) ?? 0) + 1);
  return after.filter((finding) => {
    const left = remaining.get(key(finding)) ?? 0;
    if (left > 0) {
      remaining.set(key(finding), left - 1);
      return false;
    }
    return true;
  });
}

function tagsKey(kb: KnowledgeBase): string {
  return kb.config.fields.tags ?? 'tags';
}

/** Top-level front-matter data, or an empty record when there is none or it does not parse. */
function frontMatterData(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  const block = splitFrontMatter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!block || !block.closeLine || (block.language && block.language.toLowerCase() !== 'yaml')) return {};
  const result = readYaml(block.yaml);
  return result.ok ? result.data : {};
}

/** Field-by-field differences, in the order the fields appear after the change, then removed ones. */
export function fieldChanges(before: string | undefined, after: string | undefined, tagsField = 'tags'): FieldChange[] {
  const old = frontMatterData(before);
  const now = frontMatterData(after);
  const has = (data: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(data, key) && data[key] !== null && data[key] !== undefined;
  const changes: FieldChange[] = [];
  for (const field of [...Object.keys(now), ...Object.keys(old).filter((key) => !has(now, key))]) {
    const inBefore = has(old, field);
    const inAfter = has(now, field);
    if (!inBefore && !inAfter) continue;
    if (inBefore && inAfter && sameValue(old[field], now[field])) continue;
    const change: FieldChange = { field, kind: !inBefore ? 'added' : !inAfter ? 'removed' : 'changed' };
    if (inBefore) change.before = old[field];
    if (inAfter) change.after = now[field];
    if (field === tagsField || Array.isArray(old[field]) || Array.isArray(now[field])) {
      const list = (value: unknown) => (field === tagsField ? toTagList(value) : asList(value));
      const was = list(old[field]);
      const is = list(now[field]);
      change.added = is.filter((item) => !was.includes(item));
      change.removed = was.filter((item) => !is.includes(item));
    }
    changes.push(change);
  }
  return changes;
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b) && !(a instanceof Date) && !(b instanceof Date)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return Object.is(a, b);
}

/**
 * What removing an entry breaks elsewhere, which no review of the entry itself shows: links to it
 * that lead nowhere else, in other entries as the contribution leaves them (`afterByPath`: the
 * entries it changes, undefined for those it removes too), and learning paths that list it.
 */
export function removalFindings(kb: KnowledgeBase, path: string, afterByPath: ReadonlyMap<string, Entry | undefined>): Finding[] {
  const findings: Finding[] = [];
  for (const source of kb.index.backlinks(path)) {
    const entry = afterByPath.has(source) ? afterByPath.get(source) : kb.index.get(source);
    for (const link of entry?.links ?? []) {
      const targets = kb.index.resolve(link);
      if (targets.length !== 1 || targets[0] !== path) continue;
      findings.push({ file: source, line: link.line, column: link.column, severity: 'warning', rule: 'broken-link', message: `link ${link.target} leads here, and breaks once this entry is removed`, subject: link.target });
    }
  }
  for (const learningPath of kb.config.paths) {
    const at = learningPath.entries.indexOf(path);
    if (at < 0) continue;
    findings.push({ file: CONFIG_FILE, line: learningPath.entryLines?.[at] ?? 1, column: 1, severity: 'warning', rule: 'learning-path', message: `the learning path "${learningPath.name}" lists this entry, and would have a gap` });
  }
  return findings;
}
