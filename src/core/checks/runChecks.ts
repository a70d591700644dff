// Runs the rule set over the whole knowledge base or over chosen entries.
import { CONFIG_FILE } from '../config';
import type { KnowledgeBase } from '../knowledgeBase';
import type { Entry, Finding, Severity } from '../model';
import { ENTRY_RULES, type CheckContext } from './rules';

export interface CheckOptions {
  /** Only these KB-relative paths (for `--changed-since` and open editors). */
  paths?: Iterable<string>;
  /** Include commons.yml's own findings (on for whole-KB runs). */
  includeConfig?: boolean;
}

export function checkContext(kb: KnowledgeBase): CheckContext {
  return { index: kb.index, config: kb.config, vocabulary: kb.vocabulary };
}

/** Findings of the knowledge base as a whole: commons.yml, its learning paths, folders that cannot be read. */
export function knowledgeBaseFindings(kb: KnowledgeBase): Finding[] {
  return [...kb.configFindings, ...kb.discoveryFindings, ...learningPathFindings(kb)];
}

export function runChecks(kb: KnowledgeBase, options: CheckOptions = {}): Finding[] {
  const context = checkContext(kb);
  const findings: Finding[] = options.includeConfig !== false ? knowledgeBaseFindings(kb) : [];
  const paths = options.paths ? [...options.paths] : [...kb.index.paths()].sort();
  for (const path of paths) {
    const entry = kb.index.get(path);
    if (!entry) continue;
    for (const rule of ENTRY_RULES) findings.push(...rule(entry, context));
  }
  return findings;
}

/** Learning paths that list something that is not an entry: a newcomer following one would find a gap. */
function learningPathFindings(kb: KnowledgeBase): Finding[] {
  return kb.config.paths.flatMap((path) =>
    path.entries.flatMap((entryPath, i) =>
      kb.index.get(entryPath)
        ? []
        : [{ file: CONFIG_FILE, line: path.entryLines?.[i] ?? 1, column: 1, severity: 'warning' as const, rule: 'learning-path', message: `the learning path "${path.name}" lists ${entryPath}, which is not an entry` }],
    ),
  );
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || ORDER[a.severity] - ORDER[b.severity]);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Findings for one entry that is not (or not yet) in the index, e.g. an open document as typed. */
export function checkEntry(kb: KnowledgeBase, entry: Entry): Finding[] {
  const context = checkContext(kb);
  return ENTRY_RULES.flatMap((rule) => rule(entry, context));
}
