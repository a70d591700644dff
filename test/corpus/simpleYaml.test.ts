// The fast front-matter reader against js-yaml on every front matter of the real knowledge bases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { assertSameAsJsYaml } from '../unit/yamlAgreement';
import { corpusAvailable, cppDocs, dendronSite } from './corpora';

/** The YAML of every closed, plain `---` front matter under `folder`. */
function frontMatters(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const child of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, child.name);
      if (child.isDirectory() && !child.name.startsWith('.')) visit(file);
      else if (child.isFile() && child.name.endsWith('.md')) {
        const block = splitFrontMatter(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
        if (block?.closeLine && !block.language) found.push(block.yaml);
      }
    }
  };
  visit(folder);
  return found;
}

describe('simple front matter on the real knowledge bases', function () {
  this.timeout(300_000);
  before(function () {
    if (!corpusAvailable()) this.skip();
  });

  for (const [name, folder, share] of [
    ['cpp-docs', () => path.join(cppDocs(), 'docs'), 0.99],
    ['dendron-site', () => path.join(dendronSite(), 'vault'), 0.75],
  ] as const) {
    it(`reads ${name}'s front matter as js-yaml does, and most of it without js-yaml`, () => {
      const blocks = frontMatters(folder());
      const accepted = blocks.filter(assertSameAsJsYaml).length;
      assert.ok(blocks.length > 1000, `${blocks.length} front matters`);
      assert.ok(accepted >= blocks.length * share, `${accepted} of ${blocks.length} read without js-yaml`);
    });
  }
});
