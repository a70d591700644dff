// The expressions that find links on a line, and a way to run them that stays linear on hostile
// lines. Every part of a link is bounded in length: unbounded, a line of thousands of `[a](` or
// `[[a` made each try at a bracket read to the end of the line before failing. Real links stay far
// inside these bounds (the longest in both corpora: text 287 characters, destination 224, wikilink
// 220), and CommonMark caps link labels at 999 too. Bounded, a try still reads up to a few
// thousand characters, so a line with many brackets (more than an ordinary line has) is matched
// try by try: cheap look-ups first rule out the tries that must fail, and the expression runs,
// anchored, only where a link may start. What is found is exactly what the expression finds; a
// test holds the two ways together on random lines and on every line of both corpora.

export const WIKILINK = /\[\[([^\]\n]{1,999}?)\]\]/g;
/**
 * The destination is written in angle brackets, where it may hold spaces (`<my note.md>`), or bare,
 * where it may hold parentheses in pairs after its first character (`a_(b).md`, up to eight
 * pairs); the second and third groups hold it.
 */
export const MARKDOWN_LINK = /!?\[((?:[^\]\\]|\\.){0,999})\]\(\s{0,32}(?:<([^<>\n]{1,2048})>|([^()\s<>]{1,2048}(?:\([^()\s]{0,256}\)[^()\s<>]{0,2048}){0,8}))(?:\s{1,32}["'(][^)]{0,999})?\)/g;

/** The destination of a Markdown link match, as written. */
export function linkDestination(match: RegExpExecArray): string {
  return match[2] ?? match[3];
}

const WIKILINK_AT = new RegExp(WIKILINK.source, 'y');
const MARKDOWN_LINK_AT = new RegExp(MARKDOWN_LINK.source, 'y');

/** Up to this many `[` on a line, the expressions simply run over it. */
const FEW_BRACKETS = 16;

/** Calls `visit` with each match of the wikilink expression on the line, in order. */
export function forEachWikilink(text: string, visit: (match: RegExpExecArray) => void): void {
  if (!hasManyBrackets(text)) return forEachMatch(WIKILINK, text, visit);
  const closing = new NextOf(text, (code) => code === 93 /* ] */ || code === 10);
  for (let open = text.indexOf('[[', 0); open >= 0; ) {
    // The name runs to the first `]` (or line break), which must start `]]`, within 999 characters.
    const end = closing.from(open + 2);
    if (end > open + 2 && end - (open + 2) <= 999 && text.charCodeAt(end) === 93 && text.charCodeAt(end + 1) === 93) {
      WIKILINK_AT.lastIndex = open;
      const match = WIKILINK_AT.exec(text);
      if (match) {
        visit(match);
        open = text.indexOf('[[', WIKILINK_AT.lastIndex);
        continue;
      }
    }
    open = text.indexOf('[[', open + 1);
  }
}

/** Calls `visit` with each match of the Markdown link expression on the line, in order. */
export function forEachMarkdownLink(text: string, visit: (match: RegExpExecArray) => void): void {
  if (!hasManyBrackets(text)) return forEachMatch(MARKDOWN_LINK, text, visit);
  // The link text ends at the first `]` no backslash escapes. Whether one does depends on the run
  // of backslashes right before it (an odd run escapes it; pairs escape each other), which cannot
  // reach back past a `[`: the same from any bracket a try starts at.
  const closing = new NextOf(text, (code, at) => code === 93 /* ] */ && !escaped(text, at));
  const destinationEnd = new NextOf(text, (code) => code === 41 /* ) */ || code === 60 /* < */ || code === 62 /* > */ || isWhitespace(code));
  const parenthesis = new NextOf(text, (code) => code === 41 /* ) */);
  const opening = new NextOf(text, (code) => code === 40 /* ( */);
  let from = 0;
  for (let open = text.indexOf('[', 0); open >= 0; open = text.indexOf('[', open + 1)) {
    if (open < from || !mayStartLink(text, open, closing, destinationEnd, parenthesis, opening)) continue;
    // `!?` takes a `!` just before the bracket, as the expression's try there would.
    const start = open > from && text.charCodeAt(open - 1) === 33 /* ! */ ? open - 1 : open;
    MARKDOWN_LINK_AT.lastIndex = start;
    const match = MARKDOWN_LINK_AT.exec(text);
    if (!match) continue;
    visit(match);
    from = MARKDOWN_LINK_AT.lastIndex;
    open = from - 1;
  }
}

/**
 * False only when the expression cannot match from the bracket at `open` (its `!` changes
 * nothing after it); true leaves it to the expression. Each test below rules out a try the
 * expression would fail, without reading further than the look-ups already did.
 */
function mayStartLink(text: string, open: number, closing: NextOf, destinationEnd: NextOf, parenthesis: NextOf, opening: NextOf): boolean {
  // The text ends at the first `]` no backslash escapes (see `closing`), and `(` must follow it.
  // Each step of the text takes one or two characters, and there are at most 999. (A backslash
  // before a line terminator ends the text without a `]`: left to the expression.)
  const close = closing.from(open + 1);
  if (close < 0 || close - open - 1 > 2 * 999) return false;
  if (text.charCodeAt(close + 1) !== 40 /* ( */) return false;
  // Up to 32 spaces, then the destination (one in angle brackets is the expression's to weigh).
  let at = close + 2;
  const spacesEnd = Math.min(text.length, at + 33);
  while (at < spacesEnd && isWhitespace(text.charCodeAt(at))) at++;
  if (at - (close + 2) > 32) return false;
  if (text.charCodeAt(at) === 60 /* < */) return true;
  // A bare destination runs to a space, `<`, `>` or an unpaired `)`; a `(` in it, rare, is left to the expression.
  const end = destinationEnd.from(at);
  if (end < 0 || end === at) return false;
  if (opening.from(at) >= 0 && opening.from(at) < end) return true;
  if (end - at > 2048) return false;
  const after = end;
  if (text.charCodeAt(after) === 41 /* ) */) return true;
  // A title: up to 32 spaces, an opening quote or parenthesis, and a `)` within 999 characters.
  let title = after;
  while (title < text.length && title - after <= 32 && isWhitespace(text.charCodeAt(title))) title++;
  if (title === after || title - after > 32) return false;
  const opener = text.charCodeAt(title);
  if (opener !== 34 && opener !== 39 && opener !== 40) return false;
  const shut = parenthesis.from(title + 1);
  return shut >= 0 && shut - (title + 1) <= 999;
}

function forEachMatch(expression: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
  expression.lastIndex = 0;
  for (let match = expression.exec(text); match; match = expression.exec(text)) visit(match);
}

function hasManyBrackets(text: string): boolean {
  let count = 0;
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) if (++count > FEW_BRACKETS) return true;
  return false;
}

/**
 * The first position at or after a given one where a character passes `test`, or -1. Asked with
 * positions that only grow, it reads each character of the line at most once in all.
 */
class NextOf {
  private start = 0;
  private found = -2;

  constructor(private readonly text: string, private readonly test: (code: number, at: number) => boolean) {}

  from(position: number): number {
    if (this.found !== -2 && position >= this.start && (this.found < 0 || position <= this.found)) return this.found;
    let at = position;
    while (at < this.text.length && !this.test(this.text.charCodeAt(at), at)) at++;
    this.start = position;
    this.found = at < this.text.length ? at : -1;
    return this.found;
  }
}

/** Whether an odd run of backslashes stands right before `at`. */
function escaped(text: string, at: number): boolean {
  let run = 0;
  while (at - run - 1 >= 0 && text.charCodeAt(at - run - 1) === 92 /* \ */) run++;
  return run % 2 === 1;
}

/** What `\s` matches in a JavaScript expression. */
function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
