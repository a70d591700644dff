// The fast reader of plain front matter must answer exactly as js-yaml does, or not at all.
import * as assert from 'node:assert/strict';
import { readYaml } from '../../src/core/frontMatter';
import { readSimpleYaml } from '../../src/core/simpleYaml';
import { Random } from '../../bench/random';
import { assertSameAsJsYaml } from './yamlAgreement';

describe('simple front matter', () => {
  it('reads the common shapes as js-yaml does', () => {
    const accepted = [
      'title: "Running as a Member of the Users Group"\nms.date: "11/04/2016"\n',
      'title: Foo [C++]\nms.date: 03/25/2025\nms.assetid: e48a03ec-d345-49f6-809a-1a291eecbc81\n',
      'helpviewer_keywords: ["Users Group [C++]", "security [C++], Users Group"]\n',
      "tags: [a b, 'c', \"d\"]\nempty: []\n",
      'tags:\n- one\n- "two"\nnext: x\n',
      'tags:\n  - one\n\n  - two\n# a comment\n',
      'updated: 1646093541108\nstub: false\nreviewed: 2024-05-01\nwhen: 2024-05-01T10:00:00Z\n',
      'nothing:\nzero: 0\nnegative: -3\nfloat: 1.5\nexp: 1e3\nhex: 0x1F\nleading: 0123\nunder: 1_000\n',
      'a: ~\nb: Null\nc: TRUE\nd: yes\ne: C#\nf: a:b\ng: "x # y"\n',
      'crlf: one\r\nlist:\r\n  - two\r\n',
      'path: /arch (x86)\nparen: (note)\nunicode: Überblick\n',
      '# only a comment\n',
      '',
    ];
    for (const yaml of accepted) assert.ok(assertSameAsJsYaml(yaml), `declined:\n${yaml}`);
  });

  it('leaves everything else to js-yaml', () => {
    const declined = [
      'a: "escaped \\" quote"\n',
      "a: 'it''s'\n",
      'a: >-\n  folded\n  text\n',
      'a: |\n  literal\n',
      'a: &anchor x\nb: *anchor\n',
      'a: !!str 1\n',
      'a: [x, ]\n',
      'a: [x, [y]]\n',
      'a: {x: 1}\n',
      'a: x\n  continued\n',
      'a: x #comment\n',
      'a: b: c\n',
      'a:\n  nested: map\n',
      'a:\n  - x\n - y\n',
      'a: x\n- y\n',
      'a: 1\na: 2\n',
      '__proto__: x\n',
      'true: x\n',
      '"quoted key": x\n',
      'a:\tx\n',
      'a: x\ry\n',
      'a: <<\n',
      'a: -\n',
      'a: [b:c]\n',
      'a: "unclosed\n',
      '? complex\n',
      '%YAML 1.2\n',
      `${'k'.repeat(1025)}: too long a key for YAML 1.2\n`,
    ];
    for (const yaml of declined) assert.equal(readSimpleYaml(yaml), undefined, `accepted:\n${yaml}`);
  });

  it('agrees with js-yaml on thousands of generated front matters', () => {
    const random = new Random(7);
    // Mostly ordinary text, with a few of the characters and words YAML gives a meaning.
    const keys = ['title', 'tags', 'ms.date', 'a_b', 'x-y', 'k/v', 'summary', 'status'];
    const oddKeys = ['true', '__proto__', 'title', '"q"', '-', '? k', 'k k', 'Null'];
    const separators = [': ', ': ', ': ', ':', ':  ', ' : ', ':\t'];
    const pieces = ['word', 'two words', 'C#', 'C++', '[C++]', '1', '0', '12/31/2024', '2024-05-01', '/path', '(x)', 'Ü', ' '];
    const oddPieces = [
      '"', "'", '\\', ':', ': ', ' #', '#', ',', '[', ']', '{', '}', '-', '- ', '-1', '0x1F', '1e3', '.5', '.inf', '1_0',
      '2024-05-01 10:00', 'null', 'True', 'yes', '~', '&a', '*a', '!', '|', '>', '%', '@', '`', '<<', '  ', '\t', '\r',
    ];
    const value = (): string => {
      const count = random.int(1, 3);
      let text = '';
      for (let i = 0; i < count; i++) text += random.pick(random.chance(0.15) ? oddPieces : pieces);
      return text;
    };
    const quoted = (): string => random.pick(['"', "'"]) + value() + random.pick(['"', "'", '']);
    const listItem = (): string => (random.chance(0.5) ? quoted() : value());
    const line = (): string => {
      const key = random.pick(random.chance(0.05) ? oddKeys : keys);
      const separator = random.pick(separators);
      switch (random.int(0, 5)) {
        case 0:
          return key + separator + value();
        case 1:
          return key + separator + quoted();
        case 2:
          return `${key}${separator}[${Array.from({ length: random.int(0, 3) }, listItem).join(random.pick([', ', ',', ' ,']))}]`;
        case 3: {
          const indent = random.pick(['', '  ', '    ']);
          return `${key}:\n${Array.from({ length: random.int(0, 3) }, () => `${indent}- ${listItem()}`).join('\n')}`;
        }
        case 4:
          return random.chance(0.7) ? random.pick(['', '# comment']) : random.pick(['  # indented comment', '  continued', '- stray']);
        default:
          return key + separator;
      }
    };
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const yaml = Array.from({ length: random.int(1, 4) }, line).join(random.chance(0.1) ? '\r\n' : '\n') + '\n';
      if (assertSameAsJsYaml(yaml)) accepted++;
    }
    // The generator must reach both sides, or the comparison proves little.
    assert.ok(accepted > 500 && accepted < 4500, `accepted ${accepted} of 5000`);
  });

  it('gives readYaml the same result with or without it', () => {
    const yaml = 'title: "T"\nreviewed: 2024-05-01\ntags: [a, b]\n';
    const result = readYaml(yaml);
    assert.ok(result.ok);
    assert.equal(result.strict, true);
    // Plain data, as readYaml gives it from js-yaml: dates as text, no prototype.
    assert.deepStrictEqual({ ...result.data }, { title: 'T', reviewed: '2024-05-01', tags: ['a', 'b'] });
    assert.equal(Object.getPrototypeOf(result.data), null);
  });
});
