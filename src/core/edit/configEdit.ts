// Format-preserving edits of commons.yml: adding or renaming a tag of the vocabulary, or an entry
// of a learning path, touches only that text.
import { isMap, isScalar, isSeq, parseDocument, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatScalar, type EditResult } from './frontMatterEdit';
import { lineEndingOf, lineStart, nextLineStart, type TextEdit } from './textEdit';
import { movedPath, posixJoinNormalize, type PathRename } from '../paths';

/** The parsed file, or why it cannot be edited. */
function parsed(configText: string): { doc: ReturnType<typeof parseDocument> } | { reason: string } {
  const doc = parseDocument(configText, { prettyErrors: true });
  if (doc.errors.length) return { reason: `commons.yml is not valid YAML (line ${doc.errors[0].linePos?.[0]?.line ?? 1}); fix it first` };
  return { doc };
}

/**
 * Renames a tag declared in the vocabulary (its description, aliases and stewards go with it), and
 * its declared child tags (`from/x` to `to/x`), so that entries renamed to the new name are not
 * reported as using an unknown tag. A declaration is left alone when the new name is declared
 * already (a merge: the old one is left for a person to fold in, as only they know which
 * description to keep). When `from` is an alias, the alias is renamed, unless `to` is a declared
 * tag (the entries then simply carry that tag).
 */
export function renameVocabularyTag(configText: string, from: string, to: string): EditResult {
  const read = parsed(configText);
  if ('reason' in read) return { ok: false, reason: read.reason };
  const root = read.doc.contents;
  const tagsPair = isMap(root) ? (root.items.find((p) => isScalar(p.key) && p.key.value === 'tags') as Pair | undefined) : undefined;
  const tags = tagsPair?.value;
  if (isSeq(tags)) return { ok: true, edits: renameListedTag(tags, from, to) };
  if (!isMap(tags)) return { ok: true, edits: [] };
  const keyOf = (name: string) => tags.items.find((p) => isScalar(p.key) && String(p.key.value) === name)?.key as Scalar | undefined;
  const edits: TextEdit[] = [];
  const renameKey = (key: Scalar | undefined, next: string) => {
    if (key?.range && !keyOf(next)) edits.push({ start: key.range[0], end: key.range[1], text: formatScalar(next, key.type) });
  };
  // A tag typed in another letter case is the vocabulary's tag, as the index reads it.
  const lowerFrom = from.toLowerCase();
  const declared = keyOf(from) ?? (tags.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === lowerFrom)?.key as Scalar | undefined);
  renameKey(declared, to);
  for (const pair of tags.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (name.toLowerCase().startsWith(`${lowerFrom}/`)) renameKey(pair.key as Scalar, to + name.slice(from.length));
  }
  if (!declared && !keyOf(to)) {
    for (const pair of tags.items) {
      const aliases = isMap(pair.value) ? pair.value.get('aliases', true) : undefined;
      if (!isSeq(aliases)) continue;
      for (const alias of aliases.items) {
        if (isScalar(alias) && alias.range && String(alias.value).toLowerCase() === from.toLowerCase()) {
          edits.push({ start: alias.range[0], end: alias.range[1], text: formatScalar(to, alias.type) });
        }
      }
    }
  }
  return { ok: true, edits };
}

/**
 * A vocabulary written as a list of names (`tags: [kubernetes, ops]`): the tag and its children
 * are renamed where they are listed; a merge (the new name is listed already) drops the old one's item.
 */
function renameListedTag(tags: YAMLSeq, from: string, to: string): TextEdit[] {
  const lowerFrom = from.toLowerCase();
  const names = tags.items.filter(isScalar).map((item) => String(item.value));
  const edits: TextEdit[] = [];
  for (const item of tags.items) {
    if (!isScalar(item) || !item.range) continue;
    const name = String(item.value);
    const lower = name.toLowerCase();
    const next = lower === lowerFrom ? to : lower.startsWith(`${lowerFrom}/`) ? to + name.slice(from.length) : undefined;
    if (next === undefined || next === name) continue;
    // Already listed under its new name: the vocabulary keeps that one.
    if (names.includes(next)) continue;
    edits.push({ start: item.range[0], end: item.range[1], text: formatScalar(next, item.type) });
  }
  return edits;
}

export function addVocabularyTag(configText: string, tag: string): EditResult {
  const read = parsed(configText);
  if ('reason' in read) return { ok: false, reason: read.reason };
  const { doc } = read;
  const eol = lineEndingOf(configText);
  const key = formatScalar(tag, 'PLAIN');
  const root = doc.contents;
  if (root !== null && !isMap(root)) return { ok: false, reason: 'commons.yml is not a mapping of settings' };
  const tagsPair = isMap(root) ? (root.items.find((p) => isScalar(p.key) && p.key.value === 'tags') as Pair | undefined) : undefined;
  if (!tagsPair) {
    const needsBreak = configText.length > 0 && !configText.endsWith('\n');
    return { ok: true, edits: [{ start: configText.length, end: configText.length, text: `${needsBreak ? eol : ''}tags:${eol}  ${key}: {}${eol}` }] };
  }
  const tags = tagsPair.value as YAMLMap | null;
  if (!isMap(tags)) return { ok: false, reason: '"tags" in commons.yml is not a mapping; add the tag by hand' };
  if (tags.items.some((p) => isScalar(p.key) && String(p.key.value) === tag)) return { ok: true, edits: [] };
  const last = tags.items[tags.items.length - 1];
  if (!last) return { ok: false, reason: '"tags" in commons.yml is empty; add the tag by hand' };
  const lastEnd = (last.value as Scalar | null)?.range?.[1] ?? (last.key as Scalar).range![1];
  if (tags.flow) return { ok: true, edits: [{ start: lastEnd, end: lastEnd, text: `, ${key}: {}` }] };
  const firstKeyStart = (tags.items[0].key as Scalar).range![0];
  const indent = configText.slice(lineStart(configText, firstKeyStart), firstKeyStart);
  const at = nextLineStart(configText, Math.max(lastEnd - 1, 0));
  const needsBreak = at === configText.length && !configText.endsWith('\n');
  return { ok: true, edits: [{ start: at, end: at, text: `${needsBreak ? eol : ''}${indent}${key}: {}${eol}` }] };
}

/**
 * Learning paths follow their entries when they are renamed or moved, alone or with their folder:
 * each `paths: [{ entries: [...] }]` item naming a moved file, or a file in a moved folder, is
 * rewritten in its own quoting. An unreadable file is left alone, with the reason.
 */
export function renameLearningPathEntries(configText: string, renames: PathRename[]): EditResult {
  if (!renames.length) return { ok: true, edits: [] };
  const read = parsed(configText);
  if ('reason' in read) return { ok: false, reason: read.reason };
  const root = read.doc.contents;
  const paths = isMap(root) ? root.get('paths', true) : undefined;
  if (!isSeq(paths)) return { ok: true, edits: [] };
  const edits = [];
  for (const learningPath of paths.items) {
    const entries = isMap(learningPath) ? learningPath.get('entries', true) : undefined;
    if (!isSeq(entries)) continue;
    for (const item of entries.items) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
      // Listed as check reads it (`./docs/a.md` is docs/a.md); written back in that plain form once moved.
      const moved = movedPath(posixJoinNormalize('', item.value.trim()), renames);
      if (moved !== undefined) edits.push({ start: item.range[0], end: item.range[1], text: formatScalar(moved, item.type) });
    }
  }
  return { ok: true, edits };
}
