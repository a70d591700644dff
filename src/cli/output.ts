// Turning findings into text, JSON or GitHub annotations: the CLI's only presentation code.
import * as path from 'node:path';
import type { Finding } from '../core/model';
import { countBySeverity } from '../core/checks/runChecks';
import { plural } from '../core/plural';

export type FindingFormat = 'text' | 'json' | 'github';

/** `root` is the KB root; paths are printed relative to the current directory, as CI annotations need. */
export function formatFindings(findings: Finding[], format: FindingFormat, root: string): string {
  const shown = (file: string) => path.relative(process.cwd(), path.join(root, file)).split(path.sep).join('/') || file;
  if (format === 'json') return JSON.stringify(findings.map((f) => ({ ...f, file: shown(f.file) })), null, 2);
  if (format === 'github') {
    return findings
      .map((f) => {
        const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
        return `::${level} file=${escapeProperty(shown(f.file))},line=${f.line},col=${f.column},title=${escapeProperty(`commons ${f.rule}`)}::${escapeData(f.message)}`;
      })
      .join('\n');
  }
  const lines = findings.map((f) => `${shown(f.file)}:${f.line}:${f.column}: ${f.severity} [${f.rule}] ${f.message}`);
  const counts = countBySeverity(findings);
  lines.push(`${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'note')}`);
  return lines.join('\n');
}

// GitHub's workflow-command escaping: data escapes %, CR and LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
