// The SVG chart builders: escaped text, no outside references, round axes.
import * as assert from 'node:assert/strict';
import { barChart, columnChart, lineChart, niceScale } from '../../src/core/insight/svgCharts';

const HOSTILE = '<script>alert("x")</script> & \'q\'';

describe('SVG charts', () => {
  it('escapes labels, titles and action keys', () => {
    const svg = barChart([{ label: HOSTILE, value: 3, action: { action: 'showTag', key: '"><script>' } }], { title: HOSTILE });
    assert.ok(!svg.includes('<script'), svg);
    assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)/);
    assert.match(svg, /data-key="&quot;&gt;&lt;script&gt;"/);
    assert.match(svg, /tabindex="0" role="button"/);
  });

  it('refers to nothing outside the SVG and carries styles only when standalone', () => {
    const points = [{ label: '2026-01', values: [2, 1] }, { label: '2026-02', values: [0, 4] }];
    const embedded = columnChart(points, { title: 'Contributors', series: ['returning', 'new'] });
    const standalone = columnChart(points, { title: 'Contributors', series: ['returning', 'new'], standalone: true });
    for (const svg of [embedded, standalone, lineChart([{ label: 'a', value: 1 }], { title: 't', standalone: true })]) {
      assert.ok(!/href|url\(|@import|@font-face|https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(svg), svg);
      assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') && svg.endsWith('</svg>'));
    }
    assert.ok(!embedded.includes('<style') && !embedded.includes('style='));
    assert.match(standalone, /<style>.*prefers-color-scheme:dark/);
    assert.match(standalone, / width="640" height="220"/);
    assert.match(embedded, /returning<\/text>.*new<\/text>|new<\/text>.*returning<\/text>/, 'a legend for two series');
  });

  it('draws empty data as a chart that says so', () => {
    assert.match(columnChart([], { title: 'none' }), /No data yet/);
    assert.match(barChart([], { title: 'none' }), /No data yet/);
    assert.match(lineChart([], { title: 'none' }), /No data yet/);
  });

  it('picks round axis steps', () => {
    assert.deepEqual(niceScale(0), { max: 1, step: 1 });
    assert.deepEqual(niceScale(3), { max: 3, step: 1 });
    assert.deepEqual(niceScale(24), { max: 30, step: 10 });
    assert.deepEqual(niceScale(170), { max: 200, step: 50 });
    assert.deepEqual(niceScale(1015), { max: 1500, step: 500 });
  });
});
