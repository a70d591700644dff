// Git's merge conflict markers, left in a file by a pull or a merge that stopped on a conflict.
// YAML holding them fails to parse with half a dozen errors about keys and block scalars that say
// nothing of the real cause, so readers of YAML name the conflict instead.

const MARKER = /^(?:<{7}|>{7}|\|{7})(?:[ \t].*)?\r?$|^={7}\r?$/;

/** The line (1-based) of the first conflict marker in a text, or undefined when it holds none. */
export function conflictMarkerLine(text: string): number | undefined {
  // Most texts hold no marker at all: one search of the whole text tells before any splitting.
  if (!/^(?:<{7}|={7}|>{7}|\|{7})/m.test(text)) return undefined;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => MARKER.test(line));
  return index >= 0 ? index + 1 : undefined;
}

/** What to do about it, after the words naming the file. */
export const CONFLICT_ADVICE = 'holds an unresolved merge conflict: keep the side you want and remove the <<<<<<<, ======= and >>>>>>> lines';
