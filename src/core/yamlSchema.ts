// The YAML schema front matter is read with: js-yaml's default schema (no tags that build
// functions or classes), except that a timestamp must name a day the calendar has. js-yaml reads
// `reviewed: 2026-02-30` as March 2nd; here it stays the text written, which the checks then report
// as not a date, rather than a different day nobody wrote.
import * as jsYaml from 'js-yaml';

/** js-yaml exports its types as `types`; its type declarations leave that out. */
const { types } = jsYaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float' | 'timestamp', jsYaml.Type> };

const DAY = /^(\d{4})-(\d\d?)-(\d\d?)/;

/** Whether a timestamp's date part is a day the calendar has (not February 30th, not month 13). */
function isRealDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return true;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const timestamp = types.timestamp as jsYaml.Type & { resolve(data: unknown): boolean; construct(data: unknown): unknown; represent?: (value: object) => string };

export const realDayTimestamp = new jsYaml.Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: unknown) => timestamp.resolve(data) && isRealDay(String(data)),
  construct: (data: unknown) => timestamp.construct(data),
  instanceOf: Date,
  represent: timestamp.represent,
});

/** The default schema with realDayTimestamp in the place of its timestamp type. */
export const FRONT_MATTER_SCHEMA = jsYaml.DEFAULT_SCHEMA.extend({ implicit: [realDayTimestamp] });

/** The default schema's resolvers of plain values, in the order it tries them (merge, `<<`, is never plain). */
export const IMPLICIT_TYPES = [types.null, types.bool, types.int, types.float, realDayTimestamp];
