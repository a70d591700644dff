import * as assert from 'node:assert/strict';
import type { Contribution, EntryReview } from '../../src/core/git/review';
import type { Entry } from '../../src/core/model';
import { renderPage } from '../../src/vscode/features/dashboard/html';
import { changeRequest, renderMarkdown, renderReviewBody } from '../../src/vscode/features/review/reviewHtml';

const contribution: Contribution = {
  name: 'kb/x', ref: 'refs/heads/kb/x', kind: 'local', head: 'b'.repeat(40), author: { name: 'Eve <script>', email: 'eve@example.com' },
  timeMs: 0, mergeBase: 'a'.repeat(40), added: [], changed: ['a.md'], removed: [],
};
const hostile = '---\ntitle: "<script>alert(1)</script>"\ntags: [a]\n---\n# Hi\n<script>alert(2)</script>\n<img src=x onerror=alert(3)>\n[click](javascript:alert(4)) [file](file:///etc/passwd)\n';
const review: EntryReview = {
  path: 'a.md', head: contribution.head, mergeBase: contribution.mergeBase,
  before: '---\ntitle: Old\ntags: [a, b]\n---\n# Hi\n', after: hostile,
  fields: [{ field: 'title', before: 'Old', after: '<script>alert(1)</script>', kind: 'changed' }, { field: 'tags', kind: 'changed', added: [], removed: ['b'] }],
  introduced: [{ file: 'a.md', line: 3, column: 1, severity: 'error', rule: 'unknown-tag', message: 'tag "<b>" is unknown' }],
};

describe('review panel HTML', () => {
  it('renders entries inert: no raw HTML, no script, no javascript: or file: links', () => {
    const body = renderReviewBody(contribution, [review], ['Title says what the reader gets']);
    assert.doesNotMatch(body, /<script/i);
    assert.doesNotMatch(body, /<img/i);
    assert.doesNotMatch(body, /href="javascript:/i);
    assert.doesNotMatch(body, /href="file:/i);
    assert.match(body, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    assert.match(body, /− b/);
    assert.match(body, /tag &quot;&lt;b&gt;&quot; is unknown/);
    assert.match(body, /Title says what the reader gets/);
    const page = renderPage('Review', body, { cspSource: 'vscode-resource:', nonce: 'n0nce', styleUri: 's.css', scriptUri: 's.js' });
    assert.match(page, /default-src 'none'/);
    assert.deepEqual(page.match(/<script[^>]*>/g), ['<script nonce="n0nce" src="s.js">']);
  });

  it('leaves HTML comments out, as GitHub does, and shows other raw HTML as text', () => {
    const html = renderMarkdown('---\ntitle: T\n---\n## When\n\n<!-- When would someone need this? -->\n\nText <!-- inline note --> and <b onclick="x()">bold</b>\n\n<div>\n<script>alert(1)</script>\n</div>\n');
    assert.doesNotMatch(html, /When would someone need this|inline note|&lt;!--/);
    assert.match(html, /Text  and &lt;b onclick=&quot;x\(\)&quot;&gt;bold&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<script|<div|<b /i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('sums up the problems the contribution brings in, errors apart', () => {
    const warning = { ...review.introduced[0], severity: 'warning' as const };
    const header = (introduced: EntryReview['introduced']) => /<header>[\s\S]*?<\/p>/.exec(renderReviewBody(contribution, [{ ...review, introduced }], []))![0];
    assert.match(header(review.introduced), /1 new error<\/span>/);
    assert.match(header([...review.introduced, warning]), /1 new error<\/span>, 1 other problem/);
    assert.match(header([warning, warning]), /class="warning">no new errors, 2 other new problems/);
    assert.match(header([]), /class="ok">no new problems/);
  });

  it('writes a change request with the problems the contribution brings in', () => {
    assert.equal(changeRequest(contribution, [review]), 'Thanks for contributing **a.md**! A few things to look at before it is merged:\n\n- `a.md`\n  - line 3: tag "<b>" is unknown\n');
    // Named by its title; what its removal breaks elsewhere is placed in that other file.
    const removed: EntryReview = {
      ...review, path: 'gone.md', after: undefined, beforeEntry: { title: 'Gone' } as Entry,
      introduced: [{ file: 'docs/a.md', line: 2, column: 5, severity: 'warning', rule: 'broken-link', message: 'link gone.md leads here, and breaks once this entry is removed' }],
    };
    assert.equal(changeRequest(contribution, [removed]), 'Thanks for contributing **Gone**! A few things to look at before it is merged:\n\n- `gone.md`\n  - docs/a.md:2: link gone.md leads here, and breaks once this entry is removed\n');
    assert.match(renderReviewBody(contribution, [removed], []), /docs\/a\.md:2: link gone\.md leads here/);
  });
});
