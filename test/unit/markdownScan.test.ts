// The body scan reads headings and code spans by hand; these hold it to the expressions it replaced.
import * as assert from 'node:assert/strict';
import { atxHeading, maskInlineCode, scanBody } from '../../src/core/markdownScan';
import { Random } from '../../bench/random';
import { bothWays } from './linkAgreement';

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const INLINE_CODE = /(`+)[^`]*?\1/g;

/** Random lines from the characters that matter to headings and code spans. */
function lines(seed: number, pieces: string[], count: number): string[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => {
    let line = '';
    for (let i = random.int(0, 12); i > 0; i--) line += random.pick(pieces);
    return line;
  });
}

describe('markdown scan', () => {
  it('reads ATX headings exactly as the heading expression does', () => {
    const pieces = ['#', '#', '##', ' ', ' ', '\t', 'a', 'word', ' #', '\r', '\u2028', '\u00a0', '`'];
    let headings = 0;
    for (const body of lines(11, pieces, 20_000)) {
      // The scan asks only about lines that start with up to three spaces and a '#'.
      const text = ' '.repeat(body.length % 4) + '#' + body;
      const match = ATX_HEADING.exec(text);
      const expected = match ? { level: match[1].length, text: match[2].trim(), line: 7, empty: true } : undefined;
      assert.deepEqual(atxHeading(text, 7), expected, JSON.stringify(text));
      if (match) headings++;
    }
    assert.ok(headings > 2_000 && headings < 18_000, `${headings} headings`);
    // Lines the scan never asks about answer as the expression does too.
    for (const text of ['    # four spaces', '      # x', '   \tx', '', 'x', '####### seven']) {
      assert.equal(atxHeading(text, 1), undefined, JSON.stringify(text));
      assert.equal(ATX_HEADING.exec(text), null, JSON.stringify(text));
    }
  });

  it('reads link destinations in angle brackets (with spaces) and bare ones with parentheses in pairs', () => {
    const keys = (text: string) => scanBody(text, 1, 'docs/x.md').links.map((link) => link.key);
    assert.deepEqual(keys('[a](<with space.md>) [b](<a (b).md> "t") [c](c_(d).md) [d](e%20(f).md)'), ['docs/with space.md', 'docs/a (b).md', 'docs/c_(d).md', 'docs/e (f).md']);
    // Not links: an angle bracket left open, or one where a bare destination ends.
    for (const text of ['[a](<b.md)', '[c](d.md>)', '[e](f(g.md)']) assert.deepEqual(keys(text), [], text);
  });

  it('does not read [[x]](b.md) as a wikilink: CommonMark reads a Markdown link whose text is [x]', () => {
    // (The link expressions take no brackets inside a link's text, so that link is not read either.)
    const links = scanBody('See [[x]](b.md) and [[y]] (z).\n', 1, 'docs/a.md').links.map((link) => [link.kind, link.key]);
    assert.deepEqual(links, [['wiki', 'y']]);
  });

  it('finds links on lines with many brackets exactly as the link expressions do', () => {
    const pieces = ['[', '[', '[[', ']', ']]', '(', ')', '](', '[a](', 'b.md)', ' "t")', '<c.md>)', '<', '>', '!', '\\', ' ', '\t', '\u00a0', '\u2028', '\r', '"', "'", 'x', 'a.md', '#h', '|'];
    let links = 0;
    const random = new Random(14);
    for (let n = 0; n < 20_000; n++) {
      // Seventeen brackets or more, so that the guarded matching is what runs.
      let text = '[[[[[[[[[[[[[[[[['.slice(0, random.int(0, 17));
      for (let i = random.int(0, 40); i > 0; i--) text += random.pick(pieces);
      const { markdown, wiki } = bothWays(text);
      assert.deepEqual(markdown[1], markdown[0], JSON.stringify(text));
      assert.deepEqual(wiki[1], wiki[0], JSON.stringify(text));
      links += markdown[0].length + wiki[0].length;
    }
    assert.ok(links > 5_000, `${links} links`);
    // Near each bound, and past it.
    const many = '[x]'.repeat(17);
    for (const text of [
      `${many}[${'t'.repeat(999)}](d.md)`, `${many}[${'t'.repeat(1000)}](d.md)`, `${many}[${'\\]'.repeat(999)}](d.md)`, `${many}[${'\\]'.repeat(1000)}](d.md)`,
      `${many}[t](${' '.repeat(32)}d.md)`, `${many}[t](${' '.repeat(33)}d.md)`, `${many}[t](${'d'.repeat(2048)})`, `${many}[t](${'d'.repeat(2049)})`,
      `${many}[t](d.md${' '.repeat(32)}"x")`, `${many}[t](d.md${' '.repeat(33)}"x")`, `${many}[t](d.md "${'x'.repeat(999)})`, `${many}[t](d.md "${'x'.repeat(1000)})`,
      `${many}[[${'w'.repeat(999)}]]`, `${many}[[${'w'.repeat(1000)}]]`, `${many}[t](<d d.md>)`, `${many}![i](p.png)[t](d.md)`,
      `${many}[${'\\x'.repeat(600)}](d.md)`, `${many}[${'\\x'.repeat(1000)}](d.md)`, `${many}[t](d.md (title))`, `${many}[t](d.md 'title')`,
    ]) {
      const { markdown, wiki } = bothWays(text);
      assert.deepEqual(markdown[1], markdown[0], text.slice(51, 120));
      assert.deepEqual(wiki[1], wiki[0], text.slice(51, 120));
    }
  });

  it('reads hostile lines in time proportional to their length', function () {
    // Unbounded link expressions took minutes on each of these 400 KB lines (each try at a bracket
    // read to the end of the line); now each takes milliseconds. The timeout only catches a hang.
    this.timeout(30_000);
    const line = (piece: string) => piece.repeat(Math.ceil(400_000 / piece.length));
    for (const body of ['](' + line('[a]('), '](' + line('![a]('), '](' + line('[\\'), '](' + line('[\\]'), '](' + line('['.repeat(999) + '\\'.repeat(998) + ']x'), '](' + line('[ab'), line('[') + ' ](', line('[[a') + '](', '](' + line('[a](b "t ')]) {
      assert.deepEqual(scanBody(body, 1, 'x.md').links, []);
    }
    // Links within the bounds are found as before.
    const long = `[${'t'.repeat(999)}](${'d'.repeat(2045)}.md) [[${'w'.repeat(999)}]]`;
    assert.deepEqual(scanBody(long, 1, 'x.md').links.map((link) => link.target.length), [999, 2048]);
  });

  it('blanks code spans exactly as the code-span expression does', () => {
    const pieces = ['`', '`', '``', '```', 'a', ' ', '[x](y.md)', '\\'];
    let changed = 0;
    for (const text of lines(12, pieces, 20_000)) {
      const expected = text.replace(INLINE_CODE, (span) => ' '.repeat(span.length));
      assert.equal(maskInlineCode(text), expected, JSON.stringify(text));
      if (expected !== text) changed++;
    }
    assert.ok(changed > 5_000, `${changed} lines with code spans`);
  });
});
