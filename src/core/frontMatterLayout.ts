// A front matter's layout: which line each top-level key is on, and which keys have a value.
// Entries written from one template share it, so the knowledge base keeps each layout once
// (StringPool.frontMatterLayout), found by a key of text. The reader thread sends that key rather
// than the two objects: one string crosses between threads far more cheaply than an object with
// a property per field.

export interface FrontMatterLayout {
  fieldLines: Record<string, number>;
  filledFields: string[];
}

/**
 * The key of a layout: its two parts as JSON, on two lines. JSON writes no raw line break, so
 * the key splits back unambiguously whatever the names hold.
 */
export function frontMatterLayoutKey(fieldLines: Record<string, number>, filledFields: readonly string[]): string {
  return JSON.stringify(fieldLines) + '\n' + JSON.stringify(filledFields);
}

/**
 * The layout a key was made from. Field lines come back as an ordinary object with their keys
 * in the same order (a JavaScript object lists integer-like keys first, before and after).
 */
export function frontMatterLayoutOf(key: string): FrontMatterLayout {
  const lineBreak = key.indexOf('\n');
  const fieldLines = lineBreak < 0 ? undefined : parsed(key.slice(0, lineBreak));
  const filledFields = lineBreak < 0 ? undefined : parsed(key.slice(lineBreak + 1));
  if (!isFieldLines(fieldLines) || !Array.isArray(filledFields) || !filledFields.every((name) => typeof name === 'string')) {
    throw new Error('not a front-matter layout key');
  }
  return { fieldLines, filledFields: filledFields as string[] };
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function isFieldLines(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.hasOwn(value, '__proto__')) return false;
  return Object.values(value).every((line) => typeof line === 'number');
}
