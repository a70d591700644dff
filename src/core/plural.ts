// A count with its noun in the right number, for messages and views: "1 entry", "3 entries".

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
