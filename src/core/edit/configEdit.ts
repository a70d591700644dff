// Format-preserving edits of commons.yml: adding a tag to the vocabulary touches one line.
import { isMap, isScalar, parseDocument, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { formatScalar, type EditResult } from './frontMatterEdit';
import { lineEndingOf, lineStart, nextLineStart } from './textEdit';

export function addVocabularyTag(configText: string, tag: string): EditResult {
  const doc = parseDocument(configText, { prettyErrors: true });
  if (doc.errors.length) return { ok: false, reason: `commons.yml is not valid YAML (line ${doc.errors[0].linePos?.[0]?.line ?? 1}); fix it first` };
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
