// The guarded link matching against a plain run of the link expressions on every line of the real
// knowledge bases that holds a bracket, however few: the same links, at the same places.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bothWays } from '../unit/linkAgreement';
import { corpusAvailable, cppDocs, dendronSite } from './corpora';

function bracketLines(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const child of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, child.name);
      if (child.isDirectory() && !child.name.startsWith('.')) visit(file);
      else if (child.isFile() && child.name.endsWith('.md')) for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line.includes('[')) found.push(line);
    }
  };
  visit(folder);
  return found;
}

describe('link matching on the real knowledge bases', function () {
  this.timeout(300_000);
  before(function () {
    if (!corpusAvailable()) this.skip();
  });

  for (const [name, folder] of [
    ['cpp-docs', () => cppDocs()],
    ['dendron-site', () => dendronSite()],
  ] as const) {
    it(`finds what the expressions find on every line of ${name}, with many brackets or few`, () => {
      const lines = bracketLines(folder());
      let links = 0;
      for (const line of lines) {
        // The same line again behind seventeen brackets is matched the guarded way.
        for (const text of [line, `${'[x]'.repeat(17)} ${line}`]) {
          const { markdown, wiki } = bothWays(text);
          assert.deepEqual(markdown[1], markdown[0], JSON.stringify(line));
          assert.deepEqual(wiki[1], wiki[0], JSON.stringify(line));
          links += markdown[0].length + wiki[0].length;
        }
      }
      assert.ok(lines.length > 1_000 && links > 1_000, `${lines.length} lines, ${links} links`);
    });
  }
});
