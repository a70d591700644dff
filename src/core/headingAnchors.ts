// Which heading of an entry a link names. Links name headings by their text (`[[note#Create New
// Vault]]`) or, more often, by the anchor a Markdown preview gives them (`[[note#create-new-vault]]`,
// `[x](note.md#create-new-vault)`), as GitHub, VS Code's preview and Dendron write it: lower case,
// punctuation dropped, spaces as hyphens, and `-1`, `-2` after the second and later headings with
// the same anchor. Dendron's note references add a range after it (`#usage,1:#*`, `#usage:#*`),
// which starts at that heading too.
import type { Heading } from './model';

/** The anchor a heading's text gets in a Markdown preview (`Dendron:Dev: Open Logs` → `dendrondev-open-logs`). */
export function headingAnchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/**
 * The heading `name` (the part of a link after `#`) leads to: the first whose text it is, letter
 * case aside, else the one whose anchor it is; undefined when it names none.
 */
export function findHeading(headings: readonly Heading[], name: string): Heading | undefined {
  const found = headingNamed(headings, name);
  if (found) return found;
  const range = DENDRON_RANGE.exec(name);
  return range ? headingNamed(headings, name.slice(0, range.index)) : undefined;
}

const DENDRON_RANGE = /(?:,\d+)?(?::#.*)?$/;

function headingNamed(headings: readonly Heading[], name: string): Heading | undefined {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return undefined;
  const byText = headings.find((heading) => heading.text.trim().toLowerCase() === wanted);
  if (byText) return byText;
  let anchor = wanted;
  try {
    // Decoded before lower case: an escaped capital (%C3%89, É) is a capital only once decoded.
    if (anchor.includes('%')) anchor = decodeURIComponent(name.trim()).toLowerCase();
  } catch {
    // A stray '%' is kept as written.
  }
  const seen = new Map<string, number>();
  for (const heading of headings) {
    const base = headingAnchor(heading.text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    if ((count ? `${base}-${count}` : base) === anchor) return heading;
  }
  return undefined;
}
