// Strings cut out of a file's text (slices, regex groups) keep the whole text alive in V8. The
// index holds a few short strings per entry for hours, so those are copied out: without this a
// 100k-entry knowledge base keeps every file's full text in memory.

/** A copy of `text` that does not reference the string it was cut from. */
export function detach(text: string): string {
  // Short slices are already copies; longer ones are flattened into a fresh string by the concat.
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * A copy of `text` in a string of its own, not a piece of another one. It costs more to make than
 * detach(), but a piece of another string is slow to hash and compare, so values used as keys of
 * large maps (tags, people) are made this way once and then shared.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
