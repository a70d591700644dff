import * as assert from 'node:assert/strict';
import { parseConfig, parseInterval } from '../../src/core/config';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

describe('commons.yml', () => {
  it('names an unresolved merge conflict (after a pull) once, at its first marker, and keeps the defaults', () => {
    const { config, findings } = parseConfig('name: Guild\n<<<<<<< HEAD\nreview: { interval: 90d }\n=======\nreview: { interval: 180d }\n>>>>>>> feature\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].line, 2);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /^commons\.yml holds an unresolved merge conflict/);
    assert.equal(config.reviewIntervalDays, 365);
  });

  it('keeps the rest of the file when a key is written twice, reporting it and using the first', () => {
    const { config, findings } = parseConfig('entries: docs\nreview: { interval: 30d }\nvocabulary: closed\nreview: { interval: 90d }\ntags: [a]\n');
    assert.equal(config.entries, 'docs');
    assert.equal(config.vocabulary, 'closed');
    assert.equal(config.reviewIntervalDays, 30);
    assert.deepEqual(Object.keys(config.tags), ['a']);
    assert.deepEqual(findings.map((f) => [f.line, f.severity, /names a key twice/.test(f.message)]), [[4, 'error', true]]);
  });

  it('reads a full configuration', () => {
    const { config, findings } = parseConfig([
      'name: Platform Guild',
      'entries: docs',
      'ignore: ["drafts/**"]',
      'fields: { tags: keywords }',
      'types:',
      '  how-to: { required: [title, tags], template: .commons/templates/how-to.md }',
      '  question: { required: [title], statuses: [open, answered] }',
      'tags:',
      '  kubernetes: { description: Clusters, aliases: [k8s], stewards: [ana@example.com] }',
      'vocabulary: closed',
      'review: { interval: 26w, checklist: [Title says what the reader gets] }',
      'paths:',
      '  - name: First week',
      '    entries: [docs/a.md]',
    ].join('\n'));
    assert.deepEqual(findings, []);
    assert.equal(config.entries, 'docs');
    assert.deepEqual(config.fields, { tags: 'keywords' });
    assert.deepEqual(Object.keys(config.types), ['how-to', 'question']);
    assert.deepEqual(config.tags.kubernetes.aliases, ['k8s']);
    assert.equal(config.vocabulary, 'closed');
    assert.equal(config.reviewIntervalDays, 182);
    assert.deepEqual(config.reviewChecklist, ['Title says what the reader gets']);
    assert.equal(config.reviewConfigured, true);
    assert.equal(parseConfig('name: x\n').config.reviewConfigured, false);
    assert.equal(config.paths[0].entries[0], 'docs/a.md');
  });

  it('reports broken YAML with its line and keeps defaults', () => {
    const { config, findings } = parseConfig('name: x\ntags: [a, b\nvocabulary: closed\n');
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].file, 'commons.yml');
    assert.ok(findings[0].line >= 2);
    // The place is the finding's own: the message does not end in another, dangling one.
    assert.doesNotMatch(findings[0].message, /at line|column|:$/);
    assert.equal(config.vocabulary, 'open');
    assert.ok(config.types.question);
  });

  it('reports wrong types and unknown keys at their lines, keeping the valid rest', () => {
    const { config, findings } = parseConfig('name: Guild\nvocabulary: sometimes\nentris: docs\nreview: { interval: soon }\n');
    assert.equal(config.name, 'Guild');
    assert.deepEqual(findings.map((f) => [f.line, f.severity]), [[2, 'error'], [3, 'warning'], [4, 'error']]);
    assert.match(findings[1].message, /unknown setting "entris"/);
  });

  it('warns of mistyped keys inside a type, a tag, review and a learning path, naming the nearest known key', () => {
    const { config, findings } = parseConfig([
      'types:',
      '  how-to:',
      '    requried: [title]',
      '    template: 5',
      'tags:',
      '  kubernetes: { alias: [k8s],',
      '    steward: [ana], colour: blue }',
      'review: { intervall: 90d }',
      'paths:',
      '  - { name: First week, entries: [a.md], descr: x }',
    ].join('\n'));
    assert.deepEqual(findings.map((f) => [f.line, f.severity, f.message]), [
      [3, 'warning', 'type "how-to": unknown key "requried" (did you mean required?)'],
      [4, 'error', 'type "how-to": "template" must be the path of a Markdown file, e.g. .commons/templates/how-to.md'],
      [6, 'warning', 'tag "kubernetes": unknown key "alias" (did you mean aliases?)'],
      [7, 'warning', 'tag "kubernetes": unknown key "steward" (did you mean stewards?)'],
      [7, 'warning', 'tag "kubernetes": unknown key "colour" (known: description, aliases, stewards)'],
      [8, 'warning', '"review": unknown key "intervall" (did you mean interval?)'],
      [8, 'error', '"review" must look like { interval: 180d } (more than 0 days d, weeks w, months m or years y)'],
      [10, 'warning', 'learning path "First week": unknown key "descr" (did you mean description?)'],
    ]);
    assert.equal(config.types['how-to'].template, undefined);
    assert.deepEqual(config.tags.kubernetes.aliases, []);
    assert.match(parseConfig('entris: docs\n').findings[0].message, /did you mean entries\?/);
  });

  it('refuses a review interval that is not more than 0, at its line', () => {
    for (const interval of ['0d', '0', '-5', '0y']) {
      const { config, findings } = parseConfig(`review:\n  interval: ${interval}\n`);
      assert.deepEqual(findings.map((f) => [f.line, f.severity]), [[2, 'error']], interval);
      assert.match(findings[0].message, /more than 0/);
      assert.equal(config.reviewIntervalDays, 365, 'the default stays');
    }
  });

  it('refuses an entries folder outside the knowledge base', () => {
    const { config, findings } = parseConfig('entries: ../elsewhere\n');
    assert.equal(config.entries, '');
    assert.equal(findings.length, 1);
  });

  it('reads tags given as a list of names, and reports items that are not names', () => {
    const { config, findings } = parseConfig('tags: [x, {y: 1}, ~, " z "]\n');
    assert.deepEqual(Object.keys(config.tags), ['x', 'z']);
    assert.deepEqual(findings.map((f) => [f.line, f.severity]), [[1, 'error'], [1, 'error']]);
    assert.match(findings[0].message, /holds tag names only/);
  });

  it('parses review intervals', () => {
    assert.equal(parseInterval('180d'), 180);
    assert.equal(parseInterval('1y'), 365);
    assert.equal(parseInterval('6m'), 180);
    assert.equal(parseInterval('often'), undefined);
    assert.equal(parseInterval('0d'), undefined);
  });
});

describe('commons.yml in another encoding than UTF-8', () => {
  async function loaded(bytes: Uint8Array): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase('/kb', new MemoryFileSystem({ '/kb/commons.yml': bytes, '/kb/a.md': '# A\n' }));
    await kb.loadConfig();
    return kb;
  }

  it('says so at the line of the first character it cannot read, and keeps the rest', async () => {
    // Latin-1, as an older editor may save it: "café" in a description on line 4.
    const latin1 = Uint8Array.from(Buffer.from('name: Guild\nvocabulary: closed\ntags:\n  ops: { description: caf\xe9 }\n', 'latin1'));
    const kb = await loaded(latin1);
    assert.deepEqual(kb.configFindings.map((f) => [f.line, f.severity, f.rule]), [[4, 'error', 'config']]);
    assert.match(kb.configFindings[0].message, /not UTF-8/);
    assert.match(kb.configFindings[0].message, /save it as UTF-8/);
    assert.equal(kb.config.vocabulary, 'closed', 'the rest of the file still counts');
    assert.deepEqual(Object.keys(kb.config.tags), ['ops']);
  });

  it('reads UTF-16 with its byte order mark, and says to save it as UTF-8', async () => {
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const text = '\ufeffname: Guild\nvocabulary: closed\ntags:\n  ops: {}\n';
      const bytes = Buffer.from(text, 'utf16le');
      if (encoding === 'utf16be') bytes.swap16();
      const kb = await loaded(Uint8Array.from(bytes));
      assert.deepEqual(kb.configFindings.map((f) => [f.line, f.severity, f.rule]), [[1, 'error', 'config']], encoding);
      assert.match(kb.configFindings[0].message, /UTF-16/);
      assert.equal(kb.config.name, 'Guild', encoding);
      assert.equal(kb.config.vocabulary, 'closed', encoding);
    }
  });
});
