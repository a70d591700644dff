import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultConfig } from '../../src/core/config';
import { StringPool } from '../../src/core/entryMemory';
import { frontMatterLayoutKey, frontMatterLayoutOf } from '../../src/core/frontMatterLayout';
import { parseEntryBytes, parseEntryText } from '../../src/core/entryParser';
import { Vocabulary } from '../../src/core/vocabulary';

const facts = { size: 1, mtimeMs: 1 };
const vocabulary = new Vocabulary({ kubernetes: { aliases: ['k8s'], stewards: [] } });
const context = { config: defaultConfig(), vocabulary };
const parse = (text: string, path = 'docs/a.md') => parseEntryText(path, text, facts, context);

describe('entry parser', () => {
  it('falls back from title to first heading to file name', () => {
    assert.equal(parse('---\ntitle: Front\n---\n# Heading\n').title, 'Front');
    assert.equal(parse('---\ntags: [a]\n---\n## Sub\n# Heading\n').title, 'Heading');
    assert.equal(parse('no headings', 'docs/my-note.md').title, 'my-note');
  });

  it('reads tags from a list, a comma string or a scalar, resolving aliases', () => {
    assert.deepEqual(parse('---\ntags: [k8s, b]\n---\n').tags, ['kubernetes', 'b']);
    assert.deepEqual(parse('---\ntags: a, b ,c\n---\n').tags, ['a', 'b', 'c']);
    assert.deepEqual(parse('---\ntags: solo\n---\n').tags, ['solo']);
    assert.deepEqual(parse('---\ntags: [K8S]\n---\n').writtenTags, ['K8S']);
  });

  it('maps field names from commons.yml', () => {
    const config = { ...defaultConfig(), fields: { tags: 'helpviewer_keywords', summary: 'description' } };
    const entry = parseEntryText('a.md', '---\nhelpviewer_keywords: ["x", "y"]\ndescription: Short\n---\n', facts, { config, vocabulary });
    assert.deepEqual(entry.tags, ['x', 'y']);
    assert.equal(entry.summary, 'Short');
  });

  it('extracts headings, wikilinks and relative links, skipping code', () => {
    const text = [
      '---', 'title: T', '---',
      '# One',
      'See [[Other Note#Part|the part]] and [two](../b/two.md#x) and [web](https://x.org/a.md).',
      '`[[not a link]]` and `[no](no.md)`',
      '```md',
      '[[inside fence]] [x](fenced.md)',
      '# not a heading',
      '```',
      '## Two ##',
      '![image](pic.md)',
    ].join('\n');
    const entry = parse(text, 'docs/a/one.md');
    assert.deepEqual(entry.headings.map((h) => [h.level, h.text, h.line]), [[1, 'One', 4], [2, 'Two', 11]]);
    assert.deepEqual(entry.links.map((l) => [l.kind, l.target, l.heading, l.line]), [
      ['wiki', 'Other Note', 'Part', 5],
      ['markdown', '../b/two.md', 'x', 5],
    ]);
    assert.equal(entry.links[1].key, 'docs/b/two.md');
    assert.deepEqual([entry.links[0].key, entry.links[0].altKey], ['other note', 'the part']);
  });

  it('skips binary and non-UTF-8 files with a finding', () => {
    const binary = parseEntryBytes('x.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), facts, context);
    assert.equal(binary.skipped, true);
    assert.match(binary.findings[0].message, /binary/);
    const latin1 = parseEntryBytes('y.md', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), facts, context);
    assert.equal(latin1.skipped, true);
    assert.match(latin1.findings[0].message, /UTF-8/);
    // Valid UTF-8 with a NUL byte among the first 8,000 bytes is binary too...
    const withNul = parseEntryBytes('z.md', new TextEncoder().encode('# Title\n\u0000rest\n'), facts, context);
    assert.match(withNul.findings[0]?.message ?? '', /binary/);
    // ...but not with the NUL after them, even where that is before the 8,000th character.
    const lateNul = parseEntryBytes('w.md', new TextEncoder().encode(`# Café\n${'é'.repeat(4500)}\u0000\n`), facts, context);
    assert.equal(lateNul.skipped, false);
    assert.equal(lateNul.title, 'Café');
  });
});

describe('code fences and blank lines', () => {
  it('treats any whitespace after a closing fence, and on a blank line, as blank', () => {
    const closedWithNoBreakSpace = parse('```\n[[in code]]\n```\u00a0\n# After\n[a](b.md)\n');
    assert.deepEqual(closedWithNoBreakSpace.headings.map((h) => h.text), ['After']);
    assert.deepEqual(closedWithNoBreakSpace.links.map((l) => l.target), ['b.md']);
    const closedWithFormFeed = parse('~~~~\n~~~~\f\n[[Note]]\n');
    assert.deepEqual(closedWithFormFeed.links.map((l) => l.target), ['Note']);
    assert.deepEqual(parse('# Heading\n\u00a0\n\u2028\n').headings.map((h) => h.empty), [true]);
    assert.deepEqual(parse('```\ncode\n`` not a close\n# not a heading\n').headings, []);
  });
});

describe('unanswered prompts', () => {
  it('marks sections with nothing but blank lines or comments as empty', () => {
    const entry = parse('---\ntitle: T\ntype: lesson\n---\n# T\n\n## What happened?\n\n<!-- describe it -->\n\n## What did we learn?\nA lot.\n## Next time\n');
    assert.deepEqual(entry.headings.map((h) => [h.text, h.empty]), [['T', true], ['What happened?', true], ['What did we learn?', false], ['Next time', true]]);
  });
});

describe('shared front-matter layouts', () => {
  it('are shared only by entries whose field lines and filled fields are the same', () => {
    const pool = new StringPool();
    const first = pool.frontMatterLayout({ title: 2 }, ['title']);
    assert.equal(pool.frontMatterLayout({ title: 2 }, ['title']), first);
    assert.notEqual(pool.frontMatterLayout({ title: 3 }, ['title']), first);
    // Names holding the characters a joined key would use to separate them stay apart.
    assert.notEqual(pool.frontMatterLayout({}, ['a\u0000b']), pool.frontMatterLayout({}, ['a', 'b']));
    assert.notEqual(pool.frontMatterLayout({ 'a\u0000b': 2 }, []), pool.frontMatterLayout({ a: 2, b: 2 }, []));
  });

  it('are found by the key the reader thread sends, and come back from it unchanged', () => {
    const layouts: Array<[Record<string, number>, string[]]> = [
      [{ title: 2, tags: 3 }, ['title', 'tags']],
      [{ '2019': 3, title: 2, 'line\nbreak': 4, '"quoted"': 5 }, ['line\nbreak', '"quoted"']],
      [{}, []],
    ];
    for (const [fieldLines, filledFields] of layouts) {
      const pool = new StringPool();
      const shared = pool.frontMatterLayout({ ...fieldLines }, [...filledFields]);
      const key = frontMatterLayoutKey(fieldLines, filledFields);
      assert.equal(pool.frontMatterLayoutByKey(key), shared);
      const fresh = new StringPool().frontMatterLayoutByKey(key);
      assert.deepEqual(Object.entries(fresh.fieldLines), Object.entries(fieldLines));
      assert.deepEqual(fresh.filledFields, filledFields);
      assert.ok(Object.isFrozen(fresh.fieldLines) && Object.isFrozen(fresh.filledFields));
    }
    // A key that does not describe a layout is refused, a `__proto__` field name included.
    for (const key of ['{"a":2}', '{"__proto__":2}\n[]', '{"a":"2"}\n[]', '[]\n[]', '{"a":2}\n[1]']) {
      assert.throws(() => frontMatterLayoutOf(key), /not a front-matter layout key/, key);
    }
  });
});

describe('memory held by entries', () => {
  // Strings cut out of a file's text keep the whole text alive in V8. 60 files of 1 MB each are
  // parsed and their entries kept: if any kept string still pointed into its file, 60 MB would stay.
  it('keeps none of the file texts alive', () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const padding = 'Plain prose that nobody keeps. '.repeat(33_000);
    const make = (i: number) =>
      [
        '---',
        `title: A title long enough to be sliced ${i}`,
        `summary: A summary long enough to be sliced ${i}`,
        `type: lesson`,
        `tags: [a-tag-long-enough-to-slice-${i % 3}, other]`,
        `authors: [Someone With A Long Name <someone-${i % 2}@example.com>]`,
        'answers: questions/some-question-with-a-long-path.md',
        '---',
        `# Heading long enough to be sliced ${i}`,
        padding,
        `See [[Some Wiki Target ${i}#A Heading Section|Some Alias Text ${i}]] and [a](../folder/some-long-target-${i}.md#section-${i}).`,
        padding,
      ].join('\n');
    const encoder = new TextEncoder();
    const pooled = { ...context, pool: new StringPool() };
    collect();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 60 }, (_, i) => parseEntryBytes(`docs/${i}.md`, encoder.encode(make(i)), facts, pooled));
    collect();
    const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.equal(kept[59].links.length, 2);
    assert.equal(kept[59].title, 'A title long enough to be sliced 59');
    assert.ok(grownMb < 10, `entries hold ${grownMb.toFixed(1)} MB`);
  });
});
