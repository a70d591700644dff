// The one comparison behind the fast front-matter reader's tests, on generated and on real text.
import * as assert from 'node:assert/strict';
import * as jsYaml from 'js-yaml';
import { parseDocument } from 'yaml';
import { topLevelKeyLines } from '../../src/core/frontMatter';
import { readSimpleYaml } from '../../src/core/simpleYaml';
import { FRONT_MATTER_SCHEMA } from '../../src/core/yamlSchema';

/** What js-yaml makes of the text with the schema front matter is read with (undefined when it throws); an empty document is no fields. */
function jsYamlData(yaml: string): unknown {
  try {
    return jsYaml.load(yaml, { schema: FRONT_MATTER_SCHEMA }) ?? {};
  } catch {
    return undefined;
  }
}

/**
 * Asserts the fast reader either declines `yaml` or gives js-yaml's data, and topLevelKeyLines'
 * key lines, for text YAML 1.2 accepts too.
 */
export function assertSameAsJsYaml(yaml: string): boolean {
  const keyLines = { firstLine: 2, lines: {} };
  const simple = readSimpleYaml(yaml, keyLines);
  if (simple === undefined) return false;
  assert.deepStrictEqual(simple, jsYamlData(yaml), `different data for:\n${yaml}`);
  // The keys' lines it notes are those the line scan finds, in the same order.
  assert.deepStrictEqual(Object.entries(keyLines.lines), Object.entries(topLevelKeyLines(yaml, 2)), `different key lines for:\n${yaml}`);
  assert.deepStrictEqual(parseDocument(yaml, { uniqueKeys: false }).errors.map(String), [], `not YAML 1.2:\n${yaml}`);
  return true;
}
