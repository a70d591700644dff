// The dashboard's webview page and message checks, without an editor: the page runs no script but
// the nonce'd one, escapes what the knowledge base wrote, and only well-formed requests for things
// in the index get through.
import * as assert from 'node:assert/strict';
import { computeHealth } from '../../src/core/insight/metrics';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { renderBody, renderPage } from '../../src/vscode/features/dashboard/html';
import { entriesFor, parseMessage } from '../../src/vscode/features/dashboard/messages';
import { MemoryFileSystem } from './fakes/memoryFileSystem';
import { scriptedHistory } from './insightMetrics.test';

const NOW = Date.parse('2026-06-15T00:00:00Z');

async function hostileKb(): Promise<KnowledgeBase> {
  const kb = new KnowledgeBase('/kb', new MemoryFileSystem({
    '/kb/commons.yml': 'name: "<img src=x onerror=alert(1)>"\n',
    '/kb/q.md': '---\ntitle: "<script>alert(1)</script>"\ntype: question\ntags: ["\\"><script>x</script>"]\ncreated: 2026-05-01\n---\n',
    '/kb/a.md': '---\ntitle: A\ntype: "<b onmouseover=alert(1)>"\ntags: [ok]\n---\n',
  }));
  await kb.load();
  return kb;
}

const RESOURCES = { cspSource: 'https://file+.vscode-resource.example', nonce: 'bm9uY2Utdmlldw==', styleUri: 'https://x.example/media/dashboard.css', scriptUri: 'https://x.example/media/dashboard.js' };

describe('dashboard page', () => {
  it('has a strict policy and no script without the nonce', async () => {
    const kb = await hostileKb();
    const history = scriptedHistory([['2026-05-01', 'ana', ['q.md', 'a.md']]]);
    const health = computeHealth({ index: kb.index, config: kb.config, history, now: NOW });
    const page = renderPage(`Commons Dashboard: ${kb.config.name}`, renderBody(kb.config.name!, health), RESOURCES);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1];
    assert.equal(csp, `default-src 'none'; style-src ${RESOURCES.cspSource}; script-src 'nonce-${RESOURCES.nonce}'; img-src ${RESOURCES.cspSource} data:;`);
    const scripts = page.match(/<script\b[^>]*>/gi) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${RESOURCES.nonce}" src="${RESOURCES.scriptUri}">`]);
    // Attribute values are always double-quoted with quotes escaped inside, so this reads every attribute name.
    const attributes = new Set([...page.matchAll(/\s([a-zA-Z-:]+)="[^"]*"/g)].map((m) => m[1].toLowerCase()));
    assert.deepEqual([...attributes].filter((name) => name.startsWith('on')), [], 'no event-handler attributes');
    assert.ok(!attributes.has('style'), 'no inline style attributes: the policy would block them');
    assert.ok(!attributes.has('href') || /<link rel="stylesheet" href="https:\/\/x\.example\/media\/dashboard\.css">/.test(page));
    assert.ok(!/<style/i.test(page), 'no inline style elements');
  });

  it('says what an empty list means: no questions yet is not every question answered', async () => {
    const empty = new KnowledgeBase('/kb', new MemoryFileSystem({ '/kb/a.md': '---\ntitle: A\n---\n' }));
    await empty.load();
    const body = renderBody('KB', computeHealth({ index: empty.index, config: empty.config, history: scriptedHistory([]), now: NOW }));
    assert.match(body, /No questions yet/);
    assert.doesNotMatch(body, /every question has an answer/);
    assert.match(body, /No tags in use yet/);
    // No answer to time: the tile says so, rather than a median "over 0 answered questions".
    assert.doesNotMatch(body, /over 0 answered/);
    assert.match(body, /no question answered by an entry yet/);
  });

  it('escapes titles, tags, types and the name from the knowledge base', async () => {
    const kb = await hostileKb();
    const health = computeHealth({ index: kb.index, config: kb.config, now: NOW });
    const body = renderBody(kb.config.name!, health);
    assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the question title is shown, escaped');
    assert.match(body, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.ok(!/<script|<img|<b /i.test(body), body);
    // Every element the body opens is one the dashboard writes itself.
    const tags = new Set([...body.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1].toLowerCase()));
    const allowed = ['header', 'h1', 'h2', 'h3', 'p', 'section', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'button', 'svg', 'title', 'text', 'rect', 'g', 'line', 'path', 'code', 'strong'];
    assert.deepEqual([...tags].filter((t) => !allowed.includes(t)), []);
  });
});

describe('dashboard messages', () => {
  it('accepts only known types with keys that name something in the index', async () => {
    const kb = await hostileKb();
    const index = kb.index;
    assert.deepEqual(parseMessage({ type: 'openEntry', key: 'q.md' }, index), { kind: 'openEntry', path: 'q.md' });
    assert.equal(parseMessage({ type: 'openEntry', key: '../../etc/passwd' }, index), undefined);
    assert.equal(parseMessage({ type: 'openEntry', key: 'missing.md' }, index), undefined);
    assert.equal(parseMessage({ type: 'openEntry', path: 'q.md' }, index), undefined, 'the key field is required');
    assert.equal(parseMessage({ type: 'openEntry', key: ['q.md'] }, index), undefined);
    assert.equal(parseMessage({ type: 'runCommand', key: 'workbench.action.terminal.new' }, index), undefined);
    assert.equal(parseMessage({ type: '__proto__', key: '' }, index), undefined);
    assert.equal(parseMessage('openEntry', index), undefined);
    assert.equal(parseMessage(null, index), undefined);
    assert.deepEqual(parseMessage({ type: 'showTag', key: 'ok' }, index), { kind: 'showTag', tag: 'ok' });
    assert.equal(parseMessage({ type: 'showTag', key: 'nope' }, index), undefined);
    assert.deepEqual(parseMessage({ type: 'showType', key: '' }, index), { kind: 'showType', type: '' });
    assert.equal(parseMessage({ type: 'showType', key: 'practice' }, index), undefined);
    assert.deepEqual(parseMessage({ type: 'showMonth', key: '2026-05' }, index), { kind: 'showMonth', month: '2026-05' });
    assert.equal(parseMessage({ type: 'showMonth', key: '2026-13' }, index), undefined);
    assert.deepEqual(parseMessage({ type: 'showDue', key: '' }, index), { kind: 'showDue' });
  });

  it('resolves a request to the entries the figure counts', async () => {
    const kb = await hostileKb();
    const history = scriptedHistory([['2026-04-01', 'ana', ['a.md', 'gone.md']], ['2026-05-01', 'bo', ['q.md']]]);
    const context = { index: kb.index, config: kb.config, history: history as never, now: NOW };
    assert.deepEqual(entriesFor({ kind: 'showMonth', month: '2026-04' }, context).paths, ['a.md'], 'deleted files are not offered');
    assert.deepEqual(entriesFor({ kind: 'showTag', tag: 'ok' }, context).paths, ['a.md']);
    assert.deepEqual(entriesFor({ kind: 'showType', type: 'question' }, context).paths, ['q.md']);
    assert.deepEqual(entriesFor({ kind: 'showDue' }, context).paths, [], 'both changed within the year');
  });
});
