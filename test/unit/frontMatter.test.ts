import * as assert from 'node:assert/strict';
import { readYaml, splitFrontMatter } from '../../src/core/frontMatter';
import { parseEntryText } from '../../src/core/entryParser';
import { defaultConfig } from '../../src/core/config';
import { Vocabulary } from '../../src/core/vocabulary';

const context = { config: defaultConfig(), vocabulary: new Vocabulary({}) };
const facts = { size: 1, mtimeMs: 1 };

describe('front matter', () => {
  it('splits LF, CRLF and a ... closer', () => {
    assert.equal(splitFrontMatter('---\ntitle: A\n---\nbody')!.yaml, 'title: A\n');
    const crlf = splitFrontMatter('---\r\ntitle: A\r\n---\r\nbody')!;
    assert.equal(crlf.yaml, 'title: A\r\n');
    assert.equal(crlf.closeLine, 3);
    assert.equal(splitFrontMatter('---\ntitle: A\n...\nbody')!.closeLine, 3);
    assert.equal(splitFrontMatter('# no front matter'), undefined);
  });

  it('reads front matter after a byte-order mark', () => {
    const entry = parseEntryText('a.md', '\ufeff---\ntitle: With BOM\n---\n', facts, context);
    assert.equal(entry.title, 'With BOM');
  });

  it('reports unclosed front matter and keeps the file', () => {
    const entry = parseEntryText('a.md', '---\ntitle: x\n# Heading\n', facts, context);
    assert.equal(entry.findings[0].rule, 'front-matter-unclosed');
    assert.equal(entry.title, 'Heading');
  });

  for (const fence of ['---js', '---javascript', '---JS', '---coffee']) {
    it(`refuses ${fence} front matter without running it`, () => {
      const marker = `commonsRan_${fence.replace(/\W/g, '')}`;
      const text = `${fence}\n{ title: (globalThis.${marker} = true, 'pwned') }\n---\n# Safe\n`;
      const entry = parseEntryText('a.md', text, facts, context);
      assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
      assert.equal(entry.findings[0].rule, 'front-matter-language');
      assert.equal(entry.title, 'Safe');
      assert.equal(entry.frontMatter.editable, false);
    });
  }

  it('names TOML front matter between +++ lines, and keeps it out of the body', () => {
    const entry = parseEntryText('a.md', '+++\ntitle = "Hugo page"\n# a TOML comment\ntags = ["x"]\n+++\nText\n## Section\n', facts, context);
    assert.deepEqual(entry.findings.map((f) => [f.rule, f.severity, f.line]), [['front-matter-language', 'warning', 1]]);
    assert.match(entry.findings[0].message, /TOML/);
    assert.equal(entry.title, 'a', 'not the TOML comment');
    assert.deepEqual(entry.headings.map((h) => [h.text, h.line]), [['Section', 7]]);
    assert.equal(entry.frontMatter.editable, false);
    // A +++ line that never closes is just text.
    assert.equal(splitFrontMatter('+++\nnot front matter\n'), undefined);
  });

  it('refuses YAML tags that would construct functions', () => {
    const result = readYaml('title: !!js/function "function () { return 1 }"\n');
    assert.equal(result.ok, false);
  });

  it('bounds alias bombs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
    const result = readYaml(lines.join('\n'));
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, /aliases/);
  });

  it('keeps __proto__ as plain data', () => {
    const result = readYaml('__proto__: { polluted: true }\ntitle: x\n');
    assert.ok(result.ok);
    if (result.ok) {
      assert.deepEqual(Object.keys(result.data), ['__proto__', 'title']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(result.data), null);
    }
  });

  it('reads only own fields into entries, whatever the keys are called', () => {
    const mapped = { ...context, config: { ...defaultConfig(), fields: { title: 'constructor', summary: 'toString' } } };
    const entry = parseEntryText('docs/plain-name.md', '---\n__proto__: { polluted: true }\ntype: note\n---\nText\n', facts, mapped);
    assert.equal(entry.title, 'plain-name');
    assert.equal(entry.summary, undefined);
    assert.equal(entry.type, 'note');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(entry.frontMatter.fieldLines), ['type']);
  });

  it('points invalid YAML at the file line', () => {
    const entry = parseEntryText('a.md', '---\ntitle: ok\ntags: [a, b\nother: x\n---\n', facts, context);
    assert.equal(entry.findings[0].rule, 'front-matter-yaml');
    assert.ok(entry.findings[0].line >= 3, `line ${entry.findings[0].line}`);
  });

  it('names an unresolved merge conflict in front matter, at its first marker, rather than YAML errors', () => {
    const entry = parseEntryText('a.md', '---\ntitle: A\n<<<<<<< HEAD\ntags: [a]\n=======\ntags: [b]\n>>>>>>> feature\n---\n# A\n', facts, context);
    assert.equal(entry.findings.length, 1);
    assert.equal(entry.findings[0].rule, 'front-matter-yaml');
    assert.equal(entry.findings[0].line, 3);
    assert.match(entry.findings[0].message, /unresolved merge conflict/);
  });

  it('reads lenient YAML but marks it not editable', () => {
    const entry = parseEntryText('a.md', '---\ntitle: x\nkeywords: ["a",\n"b"]\n---\n', { ...facts }, { ...context, config: { ...defaultConfig(), fields: { tags: 'keywords' } } });
    assert.deepEqual(entry.tags, ['a', 'b']);
    assert.equal(entry.frontMatter.editable, false);
    assert.equal(entry.findings[0].rule, 'front-matter-strict-yaml');
  });

  it('turns dates into YYYY-MM-DD text', () => {
    const entry = parseEntryText('a.md', '---\ncreated: 2024-03-01\nreviewed: 2024-05-06T10:00:00Z\n---\n', facts, context);
    assert.equal(entry.created, '2024-03-01');
    assert.equal(entry.reviewed, '2024-05-06T10:00:00.000Z');
  });
});
