// Value types shared by the whole core. Paths are always POSIX, relative to the knowledge-base root.

export type Severity = 'error' | 'warning' | 'info';

/** One problem found by a check. Lines and columns are 1-based, as editors and CI annotations show them. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
  /** The value at fault, when there is one: a tag, a field name, a link target. */
  subject?: string;
  fix?: FindingFix;
}

/** What a quick fix or a CLI hint can offer: data only; adapters decide how to present it. */
export interface FindingFix {
  title: string;
  /** Candidate replacements, best first (for example the tag an alias points at). */
  suggestions?: string[];
}

export interface Heading {
  level: number;
  text: string;
  line: number;
  /** True when nothing but blank lines follows before the next heading (an unanswered prompt). */
  empty?: boolean;
}

export type LinkKind = 'wiki' | 'markdown';

export interface Link {
  kind: LinkKind;
  /** The target as written, without `#heading` and `|alias`. */
  target: string;
  heading?: string;
  alias?: string;
  line: number;
  column: number;
  /**
   * What the index matches against entries. Markdown links: the KB-relative path they point at
   * (matched exactly, then ignoring letter case). Wikilinks: the lower-cased name (see wikiKey).
   */
  key: string;
  /** A wikilink's second candidate: some tools write `[[label|target]]`, so the right side is tried too. */
  altKey?: string;
}

/**
 * Where front matter sits and which fields it fills. The parsed values themselves are not kept:
 * the fields Commons reads live on the Entry, and keeping every value would double the memory
 * of large knowledge bases.
 */
export interface FrontMatterInfo {
  present: boolean;
  /** Language word after the opening `---` (empty for YAML). */
  language: string;
  /** Top-level keys with a non-empty value, as written. */
  filledFields: string[];
  /** 1-based line of the opening `---`, and of the closing one (0 when unclosed). */
  startLine: number;
  endLine: number;
  /** Line of each top-level key, for pointing findings at the right place. */
  fieldLines: Record<string, number>;
  /** False when a lenient read succeeded but strict YAML 1.2 rejects the text: Commons will not edit it. */
  editable: boolean;
}

/**
 * An entry's headings and links found by a body scan elsewhere (the reader thread), packed as a
 * RestoredEntry keeps them, with the text of its first level-1 heading (null when it has none),
 * which the title falls back to, and where its front matter ends. An array rather than an object:
 * thousands cross between threads in a load, and an object's named fields cost several times more
 * to copy across.
 * - `texts`: the block holding the packed headings and links of the scan's whole chunk, and where
 *   this entry's are in it (see packedTextBlock.ts). On the thread that scans, where the block is
 *   not finished yet, 0.
 * - `frontMatterBytes`: how many of the file's bytes hold all the parser still needs, its front
 *   matter (-1: all of them). The scan checked the whole file is UTF-8 text, so the parser decodes
 *   only these. 0 when `frontMatter` is there: then nothing is decoded.
 * - `frontMatter`: the front matter already read, when it is plain YAML (see simpleYaml.ts).
 */
export type ScannedBody<Texts extends Uint8Array | 0 = Uint8Array> = [
  texts: Texts,
  headingsAt: number,
  linksAt: number,
  linksEnd: number,
  firstTitle: string | null,
  frontMatterBytes: number,
  frontMatter?: ScannedFrontMatter,
];

/**
 * Plain YAML front matter read where the body was scanned: what parsing it would give.
 * - `layout`: its field lines and filled fields, as the key StringPool keeps layouts by (see
 *   frontMatterLayout.ts).
 * - `language`: the word after the opening fence ('' or a spelling of yaml); `closeLine`: the
 *   closing fence's line.
 * - `values`: of the data readYaml gives for it (without `plain`), only the fields the parser
 *   reads, by position in fieldKeysOf(config); undefined for a field not written. Dates are Date
 *   objects.
 */
export type ScannedFrontMatter = [layout: string, language: string, closeLine: number, values: unknown[]];

export interface Entry {
  path: string;
  title: string;
  titleSource: 'frontMatter' | 'heading' | 'fileName';
  type?: string;
  /** Canonical tags: aliases resolved, duplicates removed, in written order. */
  tags: string[];
  /** Tags exactly as written, for checks against the vocabulary. */
  writtenTags: string[];
  authors: string[];
  owner?: string;
  created?: string;
  reviewed?: string;
  status?: string;
  summary?: string;
  answers?: string;
  headings: Heading[];
  links: Link[];
  frontMatter: FrontMatterInfo;
  /** Problems found while reading this one file (YAML errors, refused languages, skipped content). */
  findings: Finding[];
  size: number;
  mtimeMs: number;
  /** The file's change time when it was read (FileFacts.ctimeMs), 0 where the file system gives none. */
  ctimeMs: number;
  /** True when the file was not read as Markdown (binary, too large, not UTF-8). */
  skipped: boolean;
}

export interface Person {
  /** Stable identity: lower-cased email when known, else the case-folded name. */
  id: string;
  name: string;
  email?: string;
}
