// The links the guarded matching finds (linkExpressions.ts) against a plain run of the same
// expressions, in one form to compare: the unit test compares them on random lines, the corpus
// test on real ones.
import { forEachMarkdownLink, forEachWikilink, MARKDOWN_LINK, WIKILINK } from '../../src/core/linkExpressions';

type Found = Array<[number, string]>;

function plainly(expression: RegExp, text: string): Found {
  const copy = new RegExp(expression.source, 'g');
  const found: Found = [];
  for (let m = copy.exec(text); m; m = copy.exec(text)) found.push([m.index, m[0]]);
  return found;
}

function guarded(each: typeof forEachWikilink, text: string): Found {
  const found: Found = [];
  each(text, (m) => found.push([m.index, m[0]]));
  return found;
}

/** [what the expression finds, what the guarded matching finds], for both kinds of link. */
export function bothWays(text: string): { markdown: [Found, Found]; wiki: [Found, Found] } {
  return {
    markdown: [plainly(MARKDOWN_LINK, text), guarded(forEachMarkdownLink, text)],
    wiki: [plainly(WIKILINK, text), guarded(forEachWikilink, text)],
  };
}
