// The words of a `yaml` parse error, for a finding or a refusal that gives the place itself: the
// first line of the message, without the " at line 3, column 1:" that ends it (and that, with
// prettyErrors, introduces an excerpt of the text left out here).
export function yamlErrorText(error: { message: string }): string {
  return error.message.split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '');
}
