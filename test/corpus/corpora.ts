// Unpacks the shared real-world knowledge bases into a scratch folder once, for tests and the benchmark.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';

/** The folder holding cpp-docs.tar.gz and dendron-site.bundle: ../shared/corpus beside the repository. */
export function corpusSource(): string {
  return process.env.COMMONS_CORPUS_DIR ?? path.resolve(__dirname, '../../../../shared/corpus');
}

export function corpusAvailable(): boolean {
  return fs.existsSync(path.join(corpusSource(), 'cpp-docs.tar.gz')) && fs.existsSync(path.join(corpusSource(), 'dendron-site.bundle'));
}

const scratch = path.join(os.tmpdir(), 'commons-corpus');

/** cpp-docs with a commons.yml mapping its field names onto Commons' own. */
export function cppDocs(): string {
  const dir = path.join(scratch, 'cpp-docs');
  if (!fs.existsSync(path.join(dir, '.unpacked'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(corpusSource(), 'cpp-docs.tar.gz'), '-C', dir]);
    fs.writeFileSync(path.join(dir, '.unpacked'), '');
  }
  fs.writeFileSync(path.join(dir, 'commons.yml'), 'fields: { tags: helpviewer_keywords, summary: description }\nentries: docs\n');
  return dir;
}

/** A clone of the Dendron site with its full history; entries live under vault/. */
export function dendronSite(): string {
  const dir = path.join(scratch, 'dendron-site');
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['clone', '--quiet', path.join(corpusSource(), 'dendron-site.bundle'), dir], { stdio: 'ignore' });
  }
  return dir;
}

/** A fresh copy of a folder, for tests that write. */
export function scratchCopy(source: string, name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `commons-${name}-`));
  fs.cpSync(source, target, { recursive: true });
  return target;
}

const loaded = new Map<string, Promise<KnowledgeBase>>();

/** A corpus indexed once per test run and shared by the suites that only read it. */
export function indexedOnce(root: string): Promise<KnowledgeBase> {
  let kb = loaded.get(root);
  if (!kb) {
    const fresh = new KnowledgeBase(root, new NodeFileSystem());
    kb = fresh.load({ sliceMs: Infinity }).then(() => fresh);
    loaded.set(root, kb);
  }
  return kb;
}
