import * as assert from 'node:assert/strict';
import { cursorContext, locateValue } from '../../src/core/editorContext';

/** `|` marks the cursor. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  return cursorContext(textWithCursor.replace('|', ''), offset);
}

describe('cursor context', () => {
  it('knows field names and values in front matter', () => {
    assert.deepEqual(at('---\nti|\n---\n'), { kind: 'fieldName', prefix: 'ti' });
    assert.deepEqual(at('---\ntags: [a, ku|]\n---\n'), { kind: 'fieldValue', field: 'tags', prefix: 'ku', prefixStart: 14 });
    assert.deepEqual(at('---\ntags:\n  - ku|\n---\n'), { kind: 'fieldValue', field: 'tags', prefix: 'ku', prefixStart: 14 });
    assert.deepEqual(at('---\ntype: |\n---\n'), { kind: 'fieldValue', field: 'type', prefix: '', prefixStart: 10 });
  });

  it('replaces a typed # so a tag never becomes a YAML comment', () => {
    const context = at('---\ntags: [#ku|]\n---\n');
    assert.equal(context.kind, 'fieldValue');
    if (context.kind === 'fieldValue') {
      assert.equal(context.prefix, 'ku');
      assert.equal(context.prefixStart, 11, 'the replaced range starts at the #');
    }
  });

  it('knows wikilinks and link paths in the body', () => {
    assert.deepEqual(at('---\ntitle: x\n---\nSee [[Code re|'), { kind: 'wikilink', prefix: 'Code re', prefixStart: 23 });
    assert.deepEqual(at('text [a](../pr|'), { kind: 'linkPath', prefix: '../pr', prefixStart: 9 });
    assert.deepEqual(at('text [a](https://x|'), { kind: 'none' });
    assert.deepEqual(at('plain |text'), { kind: 'none' });
  });

  it('locates a tag as a whole word', () => {
    assert.deepEqual(locateValue('---\ntags: [kubernetes-x, kubernetes]\n---\n', 2, 3, 'kubernetes'), { line: 1, start: 21, end: 31 });
    assert.deepEqual(locateValue('---\ntags:\n  - k8s\n---\n', 2, 4, 'k8s'), { line: 2, start: 4, end: 7 });
    // Not in a comment that names it, before or after the tag; a `#` inside a tag or quotes is no comment.
    assert.deepEqual(locateValue('---\ntags:\n  # k8s is the old name\n  - go # not k8s\n  - k8s\n---\n', 2, 6, 'k8s'), { line: 4, start: 4, end: 7 });
    assert.deepEqual(locateValue('---\ntags: [c#, "a #b", k8s]\n---\n', 2, 3, 'k8s'), { line: 1, start: 19, end: 22 });
    assert.equal(locateValue('---\ntags: [go] # k8s\n---\n', 2, 3, 'k8s'), undefined);
  });
});
