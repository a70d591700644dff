// Where front matter is, and where the body after it starts: found without parsing any YAML, so
// that code which only needs that (the reader thread's scan) does not load the YAML libraries
// frontMatter.ts needs.

export interface FrontMatterBlock {
  /** Language word after the opening fence: '' for plain `---`. */
  language: string;
  /** The YAML text between the fences. */
  yaml: string;
  /** Offset in the (BOM-stripped) text where the YAML starts. */
  yamlStart: number;
  /** 1-based line numbers of the fences; closeLine is 0 when the block never closes. */
  openLine: number;
  closeLine: number;
  /** Offset where the body starts (after the closing fence's line break). */
  bodyStart: number;
}

/** `---` with an optional language word, or Hugo's `+++` for TOML. */
const OPEN_FENCE = /^(?:---([A-Za-z0-9_-]*)|(\+\+\+))[ \t]*\r?\n/;
const CLOSE_FENCE = /^(---|\.\.\.)[ \t]*$/;
const TOML_CLOSE_FENCE = /^\+\+\+[ \t]*$/;

/**
 * Splits off front matter. Returns undefined when the text does not start with a `---` fence, or
 * with a `+++` fence (TOML, language "toml") that closes.
 */
export function splitFrontMatter(text: string): FrontMatterBlock | undefined {
  const open = OPEN_FENCE.exec(text);
  if (!open) return undefined;
  const toml = open[2] !== undefined;
  const language = toml ? 'toml' : open[1];
  const closeFence = toml ? TOML_CLOSE_FENCE : CLOSE_FENCE;
  const yamlStart = open[0].length;
  let lineStart = yamlStart;
  let line = 2;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const content = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (closeFence.test(content)) {
      return {
        language,
        yaml: text.slice(yamlStart, lineStart),
        yamlStart,
        openLine: 1,
        closeLine: line,
        bodyStart: Math.min(lineEnd + 1, text.length),
      };
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
    line++;
  }
  // A `+++` line that never closes is text that happens to start so, not front matter.
  return toml ? undefined : { language, yaml: text.slice(yamlStart), yamlStart, openLine: 1, closeLine: 0, bodyStart: text.length };
}

/**
 * The body text after the front matter, and the 1-based line it starts on: the whole text when
 * there is no front matter or it never closes (then it is all body).
 */
export function bodyOf(text: string, block = splitFrontMatter(text)): { body: string; firstLine: number } {
  if (!block?.closeLine) return { body: text, firstLine: 1 };
  return { body: text.slice(block.bodyStart), firstLine: block.closeLine + 1 };
}
