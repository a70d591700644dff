// Where a tag finding points. An entry keeps its tags but not where each was written, so the rules
// give the line of the tags key; with the file's text the tag itself is found, as the editor
// underlines it and as a CLI's `file:line:column` should point.
import { locateValue } from '../editorContext';
import type { Finding } from '../model';

const TAG_RULES = new Set(['unknown-tag', 'tag-alias']);

export function isTagFinding(finding: Finding): boolean {
  return TAG_RULES.has(finding.rule) && finding.subject !== undefined;
}

/**
 * The tag's place (0-based line, start and end columns) between the finding's line and the end
 * of the front matter (`frontMatterEnd`, 1-based); undefined when it is not found there.
 */
export function tagPlace(finding: Finding, text: string, frontMatterEnd: number): { line: number; start: number; end: number } | undefined {
  if (!isTagFinding(finding)) return undefined;
  return locateValue(text, finding.line, Math.max(finding.line, frontMatterEnd), finding.subject!);
}

/** The finding at its tag's line and column (1-based, as findings count), or as it was. */
export function placedAtTag(finding: Finding, text: string, frontMatterEnd: number): Finding {
  const place = tagPlace(finding, text, frontMatterEnd);
  return place ? { ...finding, line: place.line + 1, column: place.start + 1 } : finding;
}
