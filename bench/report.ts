// Figures, their targets and a verdict per line, printed as they arrive and again as one table.

export interface Row {
  section: string;
  label: string;
  value: number;
  unit: 'ms' | 's' | 'MB' | 'x' | 'count';
  /** Upper bound the figure should stay under; rows without one are for orientation only. */
  target?: number;
}

export class Report {
  readonly rows: Row[] = [];

  add(section: string, label: string, value: number, unit: Row['unit'], target?: number): void {
    const row = { section, label, value, unit, target };
    this.rows.push(row);
    console.log(`  ${pad(label, 46)} ${pad(format(value, unit), 12, true)}  ${targetText(row)}`);
  }

  table(): string {
    const header = ['Figure', 'Value', 'Target', 'Verdict'];
    const lines = this.rows.map((row) => [`${row.section}: ${row.label}`, format(row.value, row.unit), row.target === undefined ? '-' : `<= ${format(row.target, row.unit)}`, verdict(row)]);
    const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
    const render = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column], column === 1 || column === 2)).join('  ');
    const rule = widths.map((width) => '-'.repeat(width)).join('  ');
    const missed = this.rows.filter((row) => verdict(row) === 'over target').length;
    const targeted = this.rows.filter((row) => row.target !== undefined).length;
    return [render(header), rule, ...lines.map(render), rule, `${targeted - missed} of ${targeted} targets met`].join('\n');
  }
}

function verdict(row: Row): string {
  if (row.target === undefined) return 'info';
  return row.value <= row.target ? 'ok' : 'over target';
}

function targetText(row: Row): string {
  return row.target === undefined ? '' : `target <= ${format(row.target, row.unit)}: ${verdict(row)}`;
}

export function format(value: number, unit: Row['unit']): string {
  switch (unit) {
    case 'ms':
      return value < 1 ? `${value.toFixed(3)} ms` : value < 100 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'MB':
      return `${Math.round(value)} MB`;
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'count':
      return value.toLocaleString('en-US');
  }
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}
