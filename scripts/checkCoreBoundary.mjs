// Fails when anything under src/core imports vscode or the editor adapters.
// tsconfig.core.json already compiles the core without vscode types; this catches
// imports that would type-check through other paths (for example a require()).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const forbidden = /(?:from\s+|require\(\s*|import\(\s*)['"](vscode|(?:\.\.\/)+vscode(?:\/[^'"]*)?|[^'"]*\/vscode\/[^'"]*)['"]/;
const offenders = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) {
      readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
        if (forbidden.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
  }
}
walk('src/core');
if (offenders.length) {
  console.error('src/core must not import vscode or src/vscode:\n' + offenders.join('\n'));
  process.exit(1);
}
console.log('core boundary: src/core imports neither vscode nor the adapters');
