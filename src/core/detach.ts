// Strings cut out of a file's text (slices, regex groups) keep the whole text alive in V8. The
// index holds a few short strings per entry for hours, so those are copied out: without this a
// 100k-entry knowledge base keeps every file's full text in memory.

/** A copy of `text` that does not reference the string it was cut from. */
export function detach(text: string): string {
  // Short slices are already copies; longer ones are flattened into a fresh string by the concat.
  return text.length < 13 ? text : (' ' + text).slice(1);
}
