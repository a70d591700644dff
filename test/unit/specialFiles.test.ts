// Files that are not regular files where Commons expects one: a named pipe (FIFO) behind a link
// named like an entry, or in place of commons.yml. Opening a pipe for reading waits until
// something writes to it, which may be never: Commons must pass them by, not wait with them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempFolder } from './tempFolder';

/** Runs `commons check` on `dir` in a process of its own, which a hang cannot take the tests down with. */
function checkInOwnProcess(dir: string): { status: number | null; out: string; timedOut: boolean } {
  const cli = require.resolve('../../src/cli');
  const script = `require(${JSON.stringify(cli)}).main(['check', ${JSON.stringify(dir)}], { out: (t) => console.log(t), err: (t) => console.error(t) }).then((code) => process.exit(code));`;
  try {
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, out, timedOut: false };
  } catch (error) {
    const failed = error as { status: number | null; stdout?: string; signal?: string };
    return { status: failed.status, out: failed.stdout ?? '', timedOut: failed.signal === 'SIGTERM' };
  }
}

describe('named pipes where files are expected', function () {
  this.timeout(40_000);
  before(function () {
    if (process.platform === 'win32') this.skip();
  });

  it('passes by an entry link to a pipe, and a pipe as commons.yml, and checks the rest', () => {
    const dir = tempFolder('commons-pipe');
    fs.writeFileSync(path.join(dir, 'a.md'), '---\ntitle: Alpha\ntags: [x]\n---\n[missing](nowhere.md)\n');
    const pipe = path.join(tempFolder('commons-pipe-target'), 'pipe');
    execFileSync('mkfifo', [pipe]);
    fs.symlinkSync(pipe, path.join(dir, 'link-to-pipe.md'));
    let result = checkInOwnProcess(dir);
    assert.equal(result.timedOut, false, 'check ended');
    assert.match(result.out, /a\.md:5:1: warning \[broken-link\]/);

    execFileSync('mkfifo', [path.join(dir, 'commons.yml')]);
    result = checkInOwnProcess(dir);
    assert.equal(result.timedOut, false, 'check ended');
    assert.match(result.out, /commons\.yml:1:1: error \[config\] commons\.yml cannot be read/);
    assert.equal(result.status, 2);
  });
});
