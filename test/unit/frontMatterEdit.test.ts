import * as assert from 'node:assert/strict';
import { FrontMatterEditor } from '../../src/core/edit/frontMatterEdit';
import { applyEdits } from '../../src/core/edit/textEdit';
import { renameSpellings } from '../../src/core/edit/tagOperations';

function edit(text: string, operation: (editor: FrontMatterEditor) => ReturnType<FrontMatterEditor['addToList']>): string {
  const editor = FrontMatterEditor.open(text);
  if (!(editor instanceof FrontMatterEditor)) throw new Error(editor.reason);
  const result = operation(editor);
  if (!result.ok) throw new Error(result.reason);
  return applyEdits(text, result.edits);
}

describe('format-preserving front-matter edits', () => {
  const flow = '---\n# kept comment\ntitle: "Quoted: title"\ntags: [a, b] # trailing\ncreated: 2024-01-02\n---\nBody\n';

  it('adds to a flow list and removes again byte-identically', () => {
    const added = edit(flow, (e) => e.addToList('tags', ['c']));
    assert.equal(added, flow.replace('[a, b]', '[a, b, c]'));
    assert.equal(edit(added, (e) => e.removeFromList('tags', ['c'])), flow);
  });

  it('removes first and middle items from flow lists', () => {
    assert.equal(edit(flow, (e) => e.removeFromList('tags', ['a'])), flow.replace('[a, b]', '[b]'));
    const three = flow.replace('[a, b]', '[a, b, c]');
    assert.equal(edit(three, (e) => e.removeFromList('tags', ['b'])), flow.replace('[a, b]', '[a, c]'));
    assert.equal(edit(three, (e) => e.removeFromList('tags', ['b', 'c'])), flow.replace('[a, b]', '[a]'));
  });

  it('keeps block lists block, with their indentation', () => {
    const block = '---\ntitle: x\ntags:\n  - one\n  - two   # why\nowner: me\n---\n';
    const added = edit(block, (e) => e.addToList('tags', ['three']));
    assert.equal(added, '---\ntitle: x\ntags:\n  - one\n  - two   # why\n  - three\nowner: me\n---\n');
    assert.equal(edit(added, (e) => e.removeFromList('tags', ['three'])), block);
    assert.equal(edit(block, (e) => e.removeFromList('tags', ['one'])), '---\ntitle: x\ntags:\n  - two   # why\nowner: me\n---\n');
  });

  it('keeps quote styles and CRLF line endings', () => {
    const crlf = "---\r\ntags:\r\n- 'one'\r\n---\r\n";
    assert.equal(edit(crlf, (e) => e.addToList('tags', ["it's"])), "---\r\ntags:\r\n- 'one'\r\n- 'it''s'\r\n---\r\n");
    const double = '---\ntags: ["a b", "c"]\n---\n';
    assert.equal(edit(double, (e) => e.addToList('tags', ['d'])), '---\ntags: ["a b", "c", "d"]\n---\n');
  });

  it('adds a missing tags key in the style of the file', () => {
    assert.equal(edit('---\ntitle: x\n---\n', (e) => e.addToList('tags', ['a'])), '---\ntitle: x\ntags: [a]\n---\n');
    assert.equal(
      edit('---\nauthors:\n  - ana\n---\n', (e) => e.addToList('tags', ['a'])),
      '---\nauthors:\n  - ana\ntags:\n  - a\n---\n',
    );
  });

  it('creates front matter when there is none, and removes it again', () => {
    const plain = '# Title\n\ntext\n';
    const added = edit(plain, (e) => e.addToList('tags', ['a']));
    assert.equal(added, '---\ntags: [a]\n---\n# Title\n\ntext\n');
    assert.equal(edit(added, (e) => e.removeFromList('tags', ['a'])), plain);
  });

  it('edits comma-separated tag text in place', () => {
    const text = '---\ntags: a,b\n---\n';
    assert.equal(edit(text, (e) => e.addToList('tags', ['c'])), '---\ntags: a,b,c\n---\n');
    assert.equal(edit(text, (e) => e.renameInList('tags', 'a', 'z')), '---\ntags: z,b\n---\n');
  });

  it('renames one tag of comma-separated text without touching the separators around the others', () => {
    assert.equal(edit('---\ntags: ops, k8s,other\n---\n', (e) => e.renameInList('tags', 'ops', 'operations')), '---\ntags: operations, k8s,other\n---\n');
    assert.equal(edit('---\ntags: a ,  b,c # note\n---\n', (e) => e.renameInList('tags', 'b', 'bee')), '---\ntags: a ,  bee,c # note\n---\n');
    assert.equal(edit("---\ntags: 'a,b'\n---\n", (e) => e.renameInList('tags', 'b', "it's")), "---\ntags: 'a,it''s'\n---\n");
  });

  it('refuses values written as blocks of text (| or >), which a one-line edit would break', () => {
    for (const text of ['---\ntitle: C\ntags: |\n  ops\nowner: ana@example.com\n---\nbody\n', '---\ntags: >-\n  ops, dev\n---\nbody\n', '---\nreviewed: >\n  2024-01-01\n---\n']) {
      const editor = FrontMatterEditor.open(text) as FrontMatterEditor;
      const results = text.includes('reviewed')
        ? [editor.setField('reviewed', '2026-11-27')]
        : [editor.renameInList('tags', 'ops', 'operations'), editor.addToList('tags', ['new']), editor.removeFromList('tags', ['ops'])];
      for (const result of results) {
        assert.equal(result.ok, false, text);
        if (!result.ok) assert.match(result.reason, /block of text/);
      }
    }
  });

  it('refuses tags shared with another field through an anchor, on either side', () => {
    for (const text of ['---\ntags: &t [a, b]\nkeywords: *t\n---\n', '---\nbase: &t [a, b]\ntags: *t\n---\n']) {
      const editor = FrontMatterEditor.open(text) as FrontMatterEditor;
      for (const result of [editor.renameInList('tags', 'a', 'z'), editor.addToList('tags', ['c']), editor.removeFromList('tags', ['a'])]) {
        assert.equal(result.ok, false, text);
        if (!result.ok) assert.match(result.reason, /shared with another field through a YAML anchor/);
      }
    }
  });

  it('quotes values YAML would read as numbers, booleans or other text', () => {
    for (const value of ['0x1F', '1.10', '007', '1e3', '0o17', '.inf', 'yes', 'Null', '2024-01-01 10:00', '1_000']) {
      const text = edit('---\ntags: [a]\n---\n', (e) => e.renameInList('tags', 'a', value));
      assert.equal(text, `---\ntags: ["${value}"]\n---\n`, value);
    }
    // A plain date reads back as the same day, as fields like reviewed are written.
    assert.equal(edit(flow, (e) => e.setField('reviewed', '2026-11-26')), flow.replace('---\nBody', 'reviewed: 2026-11-26\n---\nBody'));
  });

  it('renames spellings as one edit that never splits a character in two', () => {
    const text = '---\ntags: ["🚀", docs]\n---\n';
    const result = renameSpellings(text, 'tags', new Map([['🚀', '🛠']]));
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.equal(result.edits.length, 1);
    const [{ start, end, text: replacement }] = result.edits;
    assert.equal(applyEdits(text, result.edits), '---\ntags: ["🛠", docs]\n---\n');
    for (const at of [start, end]) assert.ok(!(text.charCodeAt(at) >= 0xdc00 && text.charCodeAt(at) <= 0xdfff), `edit boundary ${at} splits a pair`);
    assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(replacement));
  });

  it('renames and merges tags', () => {
    assert.equal(edit(flow, (e) => e.renameInList('tags', 'a', 'k8s')), flow.replace('[a, b]', '[k8s, b]'));
    assert.equal(edit(flow, (e) => e.renameInList('tags', 'a', 'b')), flow.replace('[a, b]', '[b]'));
    assert.equal(edit(flow, (e) => e.renameInList('tags', 'a', 'needs: quotes')), flow.replace('[a, b]', '[\"needs: quotes\", b]'));
  });

  it('leaves a tag renamed to itself where it is', () => {
    for (const text of [flow, '---\ntags:\n  - a\n  - b\n---\n', '---\ntags: a, b\n---\n']) {
      assert.equal(edit(text, (e) => e.renameInList('tags', 'a', 'a')), text);
    }
  });

  it('refuses a comma in a tag written into comma-separated text, where it would split in two', () => {
    const text = '---\ntags: "a, b"\n---\n';
    for (const result of [FrontMatterEditor.open(text) as FrontMatterEditor].flatMap((e) => [e.renameInList('tags', 'a', 'x, y'), e.addToList('tags', ['x, y'])])) {
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, /comma/);
    }
    // In a YAML list a comma is just a character.
    assert.equal(edit(flow, (e) => e.renameInList('tags', 'a', 'x, y')), flow.replace('[a, b]', '["x, y", b]'));
  });

  it('sets a date field, keeping everything else', () => {
    assert.equal(edit(flow, (e) => e.setField('reviewed', '2026-11-26')), flow.replace('---\nBody', 'reviewed: 2026-11-26\n---\nBody'));
    assert.equal(edit(flow, (e) => e.setField('created', '2026-11-26')), flow.replace('2024-01-02', '2026-11-26'));
  });

  it('refuses front matter it cannot parse strictly', () => {
    for (const bad of ['---\ntags: [a,\n---\n', '---\nkeywords: ["a",\n"b"]\n---\n', '---js\n{}\n---\n', '---\ntitle: x\n']) {
      const editor = FrontMatterEditor.open(bad);
      assert.ok(!(editor instanceof FrontMatterEditor), bad);
    }
  });
});
