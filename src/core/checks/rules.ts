// The rule set shared by the editor, the CLI and CI. Each rule reads the index and returns data.
import type { CommonsConfig } from '../config';
import type { EntryIndex } from '../index/entryIndex';
import type { Entry, Finding } from '../model';
import { parseDate } from '../freshness';
import { writtenLink } from '../markdownScan';
import { posixDirname, posixJoinNormalize } from '../paths';
import { answeredPath } from '../questions';
import type { Vocabulary } from '../vocabulary';

export interface CheckContext {
  index: EntryIndex;
  config: CommonsConfig;
  vocabulary: Vocabulary;
}

/** Rules that look at one entry (and may consult the index). */
export type EntryRule = (entry: Entry, context: CheckContext) => Finding[];

const at = (entry: Entry, field: string, context: CheckContext): number => {
  const lines = entry.frontMatter.fieldLines;
  const key = context.config.fields[field] ?? field;
  // Own keys only: entries that crossed a thread or a snapshot have ordinary prototypes again.
  return (Object.hasOwn(lines, key) ? lines[key] : undefined) ?? Math.max(1, entry.frontMatter.startLine);
};

export const readProblems: EntryRule = (entry) => entry.findings;

export const requiredFields: EntryRule = (entry, context) => {
  if (entry.skipped || !entry.frontMatter.editable || !entry.type) return [];
  const typeConfig = context.config.types[entry.type];
  if (!typeConfig) return [];
  const findings: Finding[] = [];
  for (const field of typeConfig.required) {
    if (!entry.frontMatter.filledFields.includes(context.config.fields[field] ?? field)) {
      findings.push({
        file: entry.path,
        line: Math.max(1, entry.frontMatter.startLine),
        column: 1,
        severity: 'error',
        rule: 'required-field',
        message: `a ${entry.type} needs "${field}"`,
        subject: field,
        fix: { title: `Add "${field}"`, suggestions: [field] },
      });
    }
  }
  return findings;
};

export const knownTypeAndStatus: EntryRule = (entry, context) => {
  if (!entry.type) return [];
  const typeConfig = context.config.types[entry.type];
  if (!typeConfig) {
    return [{
      file: entry.path, line: at(entry, 'type', context), column: 1, severity: 'warning', rule: 'unknown-type',
      message: `unknown type "${entry.type}" (known: ${Object.keys(context.config.types).join(', ')})`,
      fix: { title: 'Use a known type', suggestions: Object.keys(context.config.types) },
    }];
  }
  if (entry.status && typeConfig.statuses && !typeConfig.statuses.includes(entry.status)) {
    return [{
      file: entry.path, line: at(entry, 'status', context), column: 1, severity: 'error', rule: 'unknown-status',
      message: `status "${entry.status}" is not one of ${typeConfig.statuses.join(', ')} for a ${entry.type}`,
      fix: { title: 'Use a known status', suggestions: typeConfig.statuses },
    }];
  }
  return [];
};

export const vocabularyTags: EntryRule = (entry, context) => {
  const { vocabulary, config } = context;
  if (vocabulary.isEmpty) return [];
  const findings: Finding[] = [];
  const line = at(entry, 'tags', context);
  for (const tag of entry.writtenTags) {
    const aliasTarget = vocabulary.aliasOf(tag);
    if (aliasTarget) {
      findings.push({
        file: entry.path, line, column: 1, severity: 'info', rule: 'tag-alias',
        message: `"${tag}" is an alias of "${aliasTarget}"`,
        subject: tag,
        fix: { title: `Replace with "${aliasTarget}"`, suggestions: [aliasTarget] },
      });
    } else if (!vocabulary.isKnown(tag)) {
      const nearest = vocabulary.nearest(tag);
      const hint = nearest.length ? ` Did you mean ${nearest.map((t) => `"${t}"`).join(' or ')}?` : '';
      findings.push({
        file: entry.path, line, column: 1, severity: config.vocabulary === 'closed' ? 'error' : 'warning', rule: 'unknown-tag',
        message: `tag "${tag}" is not in the vocabulary of commons.yml.${hint}`,
        subject: tag,
        fix: { title: nearest.length ? `Replace with "${nearest[0]}"` : 'Add it to the vocabulary', suggestions: nearest },
      });
    }
  }
  return findings;
};

export const brokenLinks: EntryRule = (entry, context) => {
  const findings: Finding[] = [];
  for (const link of entry.links) {
    const targets = context.index.resolve(link);
    if (targets.length && link.kind === 'markdown' && !context.index.get(link.key)) {
      findings.push({
        file: entry.path, line: link.line, column: link.column, severity: 'warning', rule: 'link-case',
        message: link.key.toLowerCase() === targets[0].toLowerCase()
          ? `link ${link.target} differs in letter case from ${targets[0]}: it breaks on case-sensitive file systems`
          : `link ${link.target} spells ${targets[0]} in another Unicode form (composed or decomposed accents): it breaks where names are compared byte by byte, as on the web`,
        subject: link.target,
        fix: { title: `Use ${targets[0]}`, suggestions: targets },
      });
      continue;
    }
    if (targets.length > 1 && link.kind === 'wiki') {
      // The link leads to the first of them in path order, which is a guess: say so, and how to choose.
      findings.push({
        file: entry.path, line: link.line, column: link.column, severity: 'info', rule: 'ambiguous-link',
        message: `link [[${link.target}]] could lead to ${targets.length} entries (${targets.slice(0, 3).join(', ')}${targets.length > 3 ? ', …' : ''}): name one by its file name or path`,
        subject: link.target,
      });
      continue;
    }
    if (targets.length) continue;
    const slashed = link.kind === 'markdown' ? withSlashes(entry.path, link.target, context.index) : undefined;
    if (slashed) {
      findings.push({
        file: entry.path, line: link.line, column: link.column, severity: 'warning', rule: 'link-backslash',
        message: `link ${link.target} is written with backslashes, which only Windows reads as folders: with slashes it leads to ${slashed}`,
        subject: link.target,
        fix: { title: `Use slashes`, suggestions: [slashed] },
      });
      continue;
    }
    findings.push({
      file: entry.path, line: link.line, column: link.column, severity: 'warning', rule: 'broken-link',
      message: `link ${writtenLink(link)} does not lead to an entry`,
      subject: link.target,
    });
  }
  return findings;
};

/** The entry a Markdown link written with backslashes (`..\\guide\\b.md`) leads to once they are slashes, if one. */
function withSlashes(from: string, target: string, index: EntryIndex): string | undefined {
  if (!target.includes('\\')) return undefined;
  const slashed = target.replace(/\\/g, '/');
  const path = slashed.startsWith('/') ? posixJoinNormalize('', slashed.slice(1)) : posixJoinNormalize(posixDirname(from), slashed);
  return index.get(path) ? path : undefined;
}

export const duplicateTitles: EntryRule = (entry, context) => {
  if (entry.skipped) return [];
  const same = [...context.index.withTitle(entry.title)].filter((path) => path !== entry.path).sort();
  if (!same.length) return [];
  return [{
    file: entry.path, line: entry.titleSource === 'frontMatter' ? at(entry, 'title', context) : 1, column: 1,
    severity: 'warning', rule: 'duplicate-title',
    message: `title "${entry.title}" is also used by ${same.slice(0, 3).join(', ')}${same.length > 3 ? ` and ${same.length - 3} more` : ''}`,
    fix: { title: 'Open the other entry', suggestions: same },
  }];
};

export const answersExistingQuestion: EntryRule = (entry, context) => {
  if (!entry.answers) return [];
  const target = answeredPath(entry);
  if (target && context.index.get(target)) return [];
  return [{
    file: entry.path, line: at(entry, 'answers', context), column: 1, severity: 'warning', rule: 'answers-missing',
    message: `"answers" points at ${entry.answers}, which is not an entry`,
  }];
};

/**
 * Sections left empty in an entry made from a template: the prompt has not been answered. An open
 * question's answer section is empty by design until someone answers it.
 */
export const emptySections: EntryRule = (entry) => {
  if (!entry.type || entry.skipped) return [];
  const awaitingAnswer = entry.type === 'question' && entry.status !== 'answered';
  return entry.headings
    .filter((heading) => heading.empty && heading.level >= 2 && !(awaitingAnswer && /^answers?$/i.test(heading.text)))
    .map((heading) => ({
      file: entry.path, line: heading.line, column: 1, severity: 'warning' as const, rule: 'empty-section',
      message: `"${heading.text}" is not answered yet: write a few lines or remove the heading`,
      subject: heading.text,
    }));
};

/** `reviewed` and `created` that are not dates: a review would otherwise fall due by another date, unsaid. */
export const dateFields: EntryRule = (entry, context) => {
  const findings: Finding[] = [];
  for (const [field, value, consequence] of [
    ['reviewed', entry.reviewed, "when it is due for review is worked out from the entry's last change instead"],
    ['created', entry.created, 'it is not used'],
  ] as const) {
    if (value === undefined || parseDate(value) !== undefined) continue;
    findings.push({
      file: entry.path, line: at(entry, field, context), column: 1, severity: 'warning', rule: 'date-field',
      message: `"${field}" is "${value}", not a date (YYYY-MM-DD): ${consequence}`,
      subject: field,
    });
  }
  return findings;
};

export const ENTRY_RULES: EntryRule[] = [readProblems, requiredFields, knownTypeAndStatus, vocabularyTags, dateFields, brokenLinks, duplicateTitles, answersExistingQuestion, emptySections];
