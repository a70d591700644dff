import * as assert from 'node:assert/strict';
import { findHeading, headingAnchor } from '../../src/core/headingAnchors';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import type { Heading } from '../../src/core/model';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

const headings: Heading[] = [
  { level: 2, text: 'Summary', line: 5 },
  { level: 2, text: 'Details', line: 8 },
  { level: 3, text: 'Create New Vault', line: 10 },
  { level: 3, text: 'Dendron:Dev: Open Logs', line: 14 },
  { level: 2, text: 'Details', line: 20 },
  { level: 2, text: 'Café crème', line: 24 },
];

describe('heading anchors', () => {
  it('are written as Markdown previews write them: lower case, punctuation dropped, spaces as hyphens', () => {
    assert.equal(headingAnchor('Create New Vault'), 'create-new-vault');
    assert.equal(headingAnchor('Dendron:Dev: Open Logs'), 'dendrondev-open-logs');
    assert.equal(headingAnchor('lookupConfirmVaultOnCreate'), 'lookupconfirmvaultoncreate');
    assert.equal(headingAnchor('Café crème'), 'café-crème');
  });

  it('lead to a heading named by its text or by its anchor', () => {
    const line = (name: string) => findHeading(headings, name)?.line;
    assert.equal(line('details'), 8);
    assert.equal(line('Create New Vault'), 10);
    assert.equal(line('create-new-vault'), 10);
    assert.equal(line('dendrondev-open-logs'), 14);
    assert.equal(line('details-1'), 20, 'the second heading with the same anchor');
    assert.equal(line('caf%C3%A9-cr%C3%A8me'), 24);
    // An escaped capital is lower-cased once decoded, as the anchor is.
    assert.equal(line('CAF%C3%89-CR%C3%88ME'), 24);
    assert.equal(line('create-new-vault,1:#*'), 10, "Dendron's note-reference range starts at the heading");
    assert.equal(line('summary:#*'), 5);
    assert.equal(line('nowhere'), undefined);
    assert.equal(line(''), undefined);
  });
});

describe('the heading a wikilink names', () => {
  it('is read from the side of its bar that named the entry', async () => {
    const fs = new MemoryFileSystem({
      '/kb/topic.lookup.md': '---\ntitle: Lookup\n---\n## Details\n',
      '/kb/a.md': '[[Details|topic.lookup#details]] [[topic.lookup#details|Details]] [[Lookup#Details]] [[Details|topic.lookup]]\n',
    });
    const kb = new KnowledgeBase('/kb', fs);
    await kb.load();
    const links = kb.index.get('a.md')!.links;
    assert.deepEqual(links.map((link) => kb.index.linkHeading(link)), ['details', 'details', 'Details', undefined]);
  });
});
