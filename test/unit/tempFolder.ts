// Temp folders for tests, removed when the test process exits, so repeated runs do not fill the
// machine's temp folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

process.on('exit', () => {
  for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the system temp folder, named `<prefix>-XXXXXX`. */
export function tempFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  made.push(folder);
  return folder;
}
