// Reading entry files ahead of the indexer: the Node reader (on a worker thread, or on this thread
// when the thread fails) must give exactly what reading one file at a time gives.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../src/core/config';
import { StringPool } from '../../src/core/entryMemory';
import { fieldKeysOf, parseEntryBytes, type ParseContext } from '../../src/core/entryParser';
import { readEntryRequest, sequentialEntryReader } from '../../src/core/entryReading';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import type { Entry } from '../../src/core/model';
import type { EntryFileRequest, EntryFileResult, EntryReader, EntryReaderOptions, FileSystem, Logger } from '../../src/core/ports';
import { plainEntry } from '../../src/core/restoredEntry';
import { Vocabulary } from '../../src/core/vocabulary';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { chunkRequest, chunkResults, readEntryChunk, scanEntryChunk, THREAD_MAX_FILE_BYTES, type ChunkResult } from '../../src/node/entryChunk';
import { readerThread } from '../../src/node/readerThread';
import { ENTRY_READER_SCRIPT, WorkerEntryReader } from '../../src/node/workerEntryReader';

/** Above the 3 MB file below (so a chunk's buffer has to grow) and below the 'large' one. */
const MAX_BYTES = 4 << 20;

/**
 * Plain data for comparing results: bytes as text, and deferred files read one at a time, as the
 * indexer reads them.
 */
async function comparable(results: EntryFileResult[], requests: EntryFileRequest[]): Promise<unknown[]> {
  const plain: unknown[] = [];
  for (let i = 0; i < results.length; i++) {
    const result = results[i].status === 'deferred' ? await readEntryRequest(new NodeFileSystem(), requests[i], MAX_BYTES) : results[i];
    plain.push(result.status === 'read' && result.bytes ? { ...result, bytes: Buffer.from(result.bytes).toString('latin1') } : result);
  }
  return plain;
}

/** The Node file system with a reader whose thread scans the bodies of every chunk after the first. */
class ThreadScanningFileSystem extends NodeFileSystem {
  override openEntryReader(options: EntryReaderOptions): EntryReader {
    return new WorkerEntryReader(options, { scanWhileAhead: -Infinity });
  }
}

/** Entries of every kind the parser makes, as file texts. */
const VARIED_ENTRIES: Record<string, string | Buffer> = {
  'plain.md': '# Plain\n\nJust text.\n',
  'front.md': '---\ntitle: "Front"\ntype: How-To\ntags: [k8s, deploy/canary]\nauthors:\n  - Ana <ana@example.com>\ncreated: 2024-02-29\nreviewed: 2025-01-05T10:00:00Z\nstatus: Draft\nsummary: A summary\nanswers: q.md\n---\n# Front\n## Steps\n\nSee [[Other Note#Part|the other]] and [x](../a/b.md#h) and `[[not a link]]`.\n',
  'crlf.md': '\ufeff---\r\ntitle: CRLF\r\n# a YAML comment, not a heading\r\ntags: a, b\r\n...\r\n# Heading\r\n[[dendron://vault/x.y]]\r\n',
  'js.md': '---js\n{ title: (() => "ran")() }\n---\n# JS\n',
  'broken.md': '---\ntitle: [unclosed\n---\n# Broken\n',
  'strict.md': '---\ntitle: Strict\ndescription: first line\n  continued badly\n---\n',
  'unclosed.md': '---\ntitle: Never closed\n# Body\n',
  'fenced.md': '# Fenced\n```\n[[inside]]\n# not a heading\n```\n## Empty section\n\n## Last\ntext\n',
  'latin1.md': Buffer.from([0x23, 0x20, 0xe9, 0x0a]),
  'binary.md': Buffer.from([0, 1, 2, 3, 0, 255]),
  'empty.md': '',
  'described.md': '---\ntitle: Described\ndescription: Under another name\nextra: [a, b]\n---\n',
  'unicode.md': '---\ntitle: Überblick Straße — 概要 😀😀\n---\n# Ü\n[[ß]]\n',
  'two-marks.md': '\ufeff\ufeff---\ntitle: Two byte order marks\n# a YAML comment, not a heading\n---\n# Marks\n',
  'no-front.md': '---not a fence\n# Heading\n',
  // Above THREAD_MAX_FILE_BYTES: read by the thread, parsed here.
  'long.md': `# Long\n${'A long line of text. '.repeat(15_000)}\n[[plain]]\n`,
};

describe('entry readers', () => {
  let folder: string;
  let requests: EntryFileRequest[][];

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'commons-reader-'));
    const file = (name: string, content: string | Buffer) => {
      fs.writeFileSync(path.join(folder, name), content);
      return path.join(folder, name);
    };
    // Several chunks, so the thread (which starts with the second chunk) does real work, and
    // buffers are handed back and reused several times.
    requests = [];
    for (let chunk = 0; chunk < 6; chunk++) {
      const list: EntryFileRequest[] = [];
      for (let i = 0; i < 20; i++) list.push({ path: file(`c${chunk}-${i}.md`, `# Note ${chunk}.${i}\n${'x'.repeat((chunk * 37 + i * 101) % 900)}\n`) });
      requests.push(list);
    }
    const unchanged = file('unchanged.md', '# Same\n');
    const unchangedStat = fs.statSync(unchanged);
    const changed = file('changed.md', '# Changed since the snapshot\n');
    fs.mkdirSync(path.join(folder, 'folder.md'));
    requests[3].push(
      { path: unchanged, known: { size: unchangedStat.size, mtimeMs: unchangedStat.mtimeMs, ctimeMs: unchangedStat.ctimeMs } },
      { path: changed, known: { size: 3, mtimeMs: 1 } },
      { path: path.join(folder, 'missing.md') },
      { path: path.join(folder, 'missing-known.md'), known: { size: 3, mtimeMs: 1 } },
      { path: path.join(folder, 'folder.md') },
      { path: file('large.md', 'y'.repeat(MAX_BYTES + 1)) },
      { path: file('empty.md', '') },
      { path: file('binary.md', Buffer.from([0, 159, 146, 150, 255, 0])) },
      { path: path.join(folder, 'c0-0.md', 'below-a-file.md') },
    );
    // Bigger than the buffer a chunk starts with, so the buffer grows.
    requests[4].push({ path: file('big.md', 'z'.repeat(3 << 20)) });
  });

  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function readAll(reader: EntryReader): Promise<unknown[]> {
    const all: unknown[] = [];
    // Two chunks in flight at a time, as the indexer sends them, so later chunks are read into
    // buffers that earlier ones released.
    const inFlight: Array<{ list: EntryFileRequest[]; results: Promise<EntryFileResult[]> }> = [];
    const takeOne = async () => {
      const { list, results } = inFlight.shift()!;
      const done = await results;
      all.push(...(await comparable(done, list)));
      reader.release(done);
    };
    for (const list of requests) {
      inFlight.push({ list, results: reader.read(list.map((one) => ({ ...one }))) });
      if (inFlight.length >= 2) await takeOne();
    }
    while (inFlight.length) await takeOne();
    reader.close();
    return all;
  }

  it('reads on a thread exactly what one-at-a-time reading gives', async () => {
    const expected = await readAll(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES));
    const statuses = expected.map((result) => (result as EntryFileResult).status);
    assert.equal(statuses.filter((status) => status === 'unchanged').length, 1);
    assert.equal(statuses.filter((status) => status === 'missing').length, 3);
    assert.equal(statuses.filter((status) => status === 'failed').length, 1, 'a path below a file cannot be opened');
    assert.ok(expected.some((result) => (result as { status: string; bytes?: unknown; size?: number }).size === MAX_BYTES + 1 && !(result as { bytes?: unknown }).bytes));
    const actual = await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES }));
    assert.deepEqual(actual, expected);
  });

  /** A Logger that keeps its warnings. */
  function warningsLog(): { warnings: string[] } & Logger {
    const warnings: string[] = [];
    return { warnings, info() {}, warn: (_component, message) => void warnings.push(message), error() {} };
  }

  it('reads on the calling thread when the thread cannot start, and says so', async () => {
    const expected = await readAll(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES));
    const log = warningsLog();
    const actual = await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES, log }, { script: path.join(folder, 'no-such-script.js') }));
    assert.deepEqual(actual, expected);
    assert.equal(log.warnings.length, 1);
    assert.match(log.warnings[0], /reader thread (stopped|could not start).*main thread/);
  });

  it('reads on the calling thread what a thread that died had not answered, and says so', async () => {
    const dying = path.join(folder, 'dying.js');
    fs.writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const expected = await readAll(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES));
    const log = warningsLog();
    const actual = await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES, log }, { script: dying }));
    assert.deepEqual(actual, expected);
    assert.deepEqual(log.warnings, ['the reader thread stopped (exit code 3): the rest is read on the main thread']);
    // A reader closed as planned says nothing.
    const quiet = warningsLog();
    await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES, log: quiet }));
    assert.deepEqual(quiet.warnings, []);
  });

  it('shares one thread between readers, one after another and side by side', async () => {
    const expected = await readAll(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES));
    assert.deepEqual(await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES })), expected);
    const thread = readerThread(ENTRY_READER_SCRIPT);
    assert.ok(thread.alive);
    // Two readers at once, their requests interleaved on the one thread.
    const [first, second] = await Promise.all([readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES })), readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES }))]);
    assert.deepEqual(first, expected);
    assert.deepEqual(second, expected);
    assert.equal(readerThread(ENTRY_READER_SCRIPT), thread, 'the same thread served them all');
  });

  it('ends a thread no reader used for a while, and starts a new one for the next reader', async () => {
    // Its own script path (a link to the real one), so that its thread is not the shared one.
    const script = path.join(folder, 'idle-reader.js');
    fs.symlinkSync(ENTRY_READER_SCRIPT, script);
    const thread = readerThread(script, 50);
    thread.close(thread.open({ stopped: () => assert.fail('no reader is left to tell') }, {}));
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(thread.alive, false);
    const expected = await readAll(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES));
    assert.deepEqual(await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES }, { script })), expected);
    const next = readerThread(script);
    assert.notEqual(next, thread);
    assert.ok(next.alive);
  });

  it('starts a new thread for a later reader once the shared one died', async () => {
    const dying = path.join(folder, 'dying.js');
    fs.writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const expected = await readAll(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES));
    for (let reader = 0; reader < 2; reader++) {
      const log = warningsLog();
      assert.deepEqual(await readAll(new WorkerEntryReader({ maxBytes: MAX_BYTES, log }, { script: dying })), expected);
      assert.deepEqual(log.warnings, ['the reader thread stopped (exit code 3): the rest is read on the main thread'], `reader ${reader}`);
    }
  });

  it('never keeps a process alive once its readers are done', function () {
    this.timeout(30_000);
    // A process that reads through the thread and closes its reader must end on its own, long
    // before the idle thread would end (a minute).
    const script = [
      `const { WorkerEntryReader } = require(${JSON.stringify(require.resolve('../../src/node/workerEntryReader'))});`,
      `const requests = ${JSON.stringify(requests)};`,
      '(async () => {',
      '  const reader = new WorkerEntryReader({ maxBytes: 1 << 22 });',
      '  for (const list of requests) reader.release(await reader.read(list));',
      '  reader.close();',
      "  console.log('read');",
      '})();',
    ].join('\n');
    const started = Date.now();
    const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(output.trim(), 'read');
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });

  it('stats on the thread what stat gives, without reading, and here when the thread fails', async () => {
    const paths = requests.flat().map((one) => one.path);
    const plain = new NodeFileSystem();
    const expected = await Promise.all(
      paths.map(async (one) => {
        const stat = await plain.stat(one).catch(() => undefined);
        return stat?.kind === 'file' ? { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs } : undefined;
      }),
    );
    assert.ok(expected.some((facts) => facts === undefined) && expected.some((facts) => facts !== undefined));
    assert.deepEqual(await sequentialEntryReader(plain, MAX_BYTES).stat(paths), expected);
    const dying = path.join(folder, 'dying.js');
    fs.writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    for (const script of [undefined, path.join(folder, 'no-such-script.js'), dying]) {
      const reader = new WorkerEntryReader({ maxBytes: MAX_BYTES }, { script });
      assert.deepEqual(await reader.stat(paths), expected, script);
      reader.close();
    }
  });

  it('answers reads still waiting when it is closed', async () => {
    const reader = new WorkerEntryReader({ maxBytes: MAX_BYTES });
    const first = await reader.read(requests[0]);
    const second = reader.read(requests[1]);
    reader.close();
    assert.equal(first.length, requests[0].length);
    const answered = await second;
    assert.ok(answered.every((result) => result.status === 'deferred'), 'closing reads nothing more');
    assert.deepEqual(
      await comparable(answered, requests[1]),
      await comparable(await sequentialEntryReader(new NodeFileSystem(), MAX_BYTES).read(requests[1]), requests[1]),
    );
  });

  it('defers the rest of a chunk once it holds 4 MB, and the index still reads every file', async () => {
    const big = 'b'.repeat(3 << 20);
    const list = [0, 1, 2, 3].map((i) => {
      const file = path.join(folder, `big-${i}.md`);
      fs.writeFileSync(file, `# Big ${i}\n${big}\n`);
      return { path: file };
    });
    const reader = new WorkerEntryReader({ maxBytes: MAX_BYTES });
    // The first chunk is read on this thread, the next ones on the reader's thread: all keep to the budget.
    for (let round = 0; round < 3; round++) {
      const results = await reader.read(list);
      assert.deepEqual(results.map((result) => result.status), ['read', 'read', 'deferred', 'deferred'], `round ${round}`);
      reader.release(results);
    }
    reader.close();
    fs.writeFileSync(path.join(folder, 'commons.yml'), `maxFileSize: ${MAX_BYTES}\n`);
    const threaded = new KnowledgeBase(folder, new NodeFileSystem());
    await threaded.load();
    for (let i = 0; i < 4; i++) assert.equal(threaded.index.get(`big-${i}.md`)?.title, `Big ${i}`);
  });

  it('gives a knowledge base the same index as reading one file at a time', async () => {
    for (let i = 0; i < 300; i++) {
      const sub = path.join(folder, `topic-${i % 7}`);
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `entry-${i}.md`), `---\ntitle: Entry ${i}\ntags: [t${i % 5}]\n---\n# Entry ${i}\nSee [[Entry ${(i + 1) % 300}]] and [next](../topic-${(i + 1) % 7}/entry-${(i + 1) % 300}.md).\n`);
    }
    const plain = new NodeFileSystem();
    const oneAtATime: FileSystem = {
      readDirectory: (p) => plain.readDirectory(p),
      readFile: (p) => plain.readFile(p),
      readEntryFile: (p, max) => plain.readEntryFile(p, max),
      stat: (p) => plain.stat(p),
      writeFile: (p, d) => plain.writeFile(p, d),
      createFile: (p, d) => plain.createFile(p, d),
      deleteFile: (p) => plain.deleteFile(p),
      join: (...parts) => plain.join(...parts),
    };
    const threaded = new KnowledgeBase(folder, plain);
    const sequential = new KnowledgeBase(folder, oneAtATime);
    const threadScanned = new KnowledgeBase(folder, new ThreadScanningFileSystem());
    await threaded.load();
    await sequential.load();
    await threadScanned.load();
    assert.ok(threaded.index.size > 300);
    for (const other of [threaded, threadScanned]) {
      assert.deepEqual(other.index.dump(), sequential.index.dump());
      for (const entry of sequential.index.all()) assert.deepEqual(plainEntry(other.index.get(entry.path)!), plainEntry(entry), entry.path);
    }

    // A warm load from the first index reuses every entry and re-reads only the changed one.
    const changed = path.join(folder, 'topic-1', 'entry-1.md');
    fs.writeFileSync(changed, '---\ntitle: Renamed\n---\nbody\n');
    const previous = new Map([...threaded.index.all()].map((entry) => [entry.path, entry]));
    const warm = new KnowledgeBase(folder, plain);
    const { reused: counted } = await warm.load({ previous });
    let reused = 0;
    for (const entry of warm.index.all()) if (previous.get(entry.path) === entry) reused++;
    assert.equal(reused, warm.index.size - 1);
    assert.equal(counted, reused);
    assert.equal(warm.index.get('topic-1/entry-1.md')?.title, 'Renamed');
  });

  it('scans on the thread exactly what parsing here gives', async () => {
    // With a field under another name, which the thread must send along.
    const config = { ...defaultConfig(), tags: { kubernetes: { aliases: ['k8s'], stewards: [] } }, fields: { summary: 'description' } };
    const context = (): ParseContext => ({ config, vocabulary: Vocabulary.fromConfig(config), pool: new StringPool() });
    const lists: EntryFileRequest[][] = [];
    for (let chunk = 0; chunk < 5; chunk++) {
      lists.push(
        Object.entries(VARIED_ENTRIES).map(([name, text]) => {
          const entryPath = `c${chunk}/${name}`;
          fs.mkdirSync(path.join(folder, `c${chunk}`), { recursive: true });
          fs.writeFileSync(path.join(folder, entryPath), text);
          return { path: path.join(folder, entryPath), entryPath };
        }),
      );
    }
    // What the indexer does with what was read: parse it, with the scan the reader made, if any.
    const entriesOf = async (reader: EntryReader, parse: ParseContext) => {
      const entries: Entry[] = [];
      const scanned: string[] = [];
      const frontMatterRead: string[] = [];
      for (const list of lists) {
        const results = await reader.read(list);
        results.forEach((result, i) => {
          if (result.status !== 'read' || !result.bytes) assert.fail(`${list[i].entryPath}: ${result.status}`);
          if (result.scanned) scanned.push(list[i].entryPath!);
          if (result.scanned?.[6]) frontMatterRead.push(list[i].entryPath!);
          entries.push(parseEntryBytes(list[i].entryPath!, result.bytes, result, parse, result.scanned));
        });
        reader.release(results);
      }
      reader.close();
      return { entries, scanned, frontMatterRead };
    };
    const here = context();
    const expected = await entriesOf(sequentialEntryReader(new NodeFileSystem(), MAX_BYTES), here);
    const threaded = context();
    const actual = await entriesOf(new WorkerEntryReader({ maxBytes: MAX_BYTES, parse: threaded }, { scanWhileAhead: -Infinity }), threaded);
    // Chunks 1 to 4 are scanned on the thread (chunk 0 is read here), all but the long, binary and
    // Latin-1 files; of those, the files with plain front matter have it read there too.
    assert.ok(VARIED_ENTRIES['long.md'].length > THREAD_MAX_FILE_BYTES);
    const files = Object.keys(VARIED_ENTRIES).length;
    assert.equal(actual.scanned.length, 4 * (files - 3));
    assert.deepEqual(actual.frontMatterRead.filter((path) => path.startsWith('c1/')).sort(), ['c1/crlf.md', 'c1/described.md', 'c1/front.md', 'c1/two-marks.md']);
    assert.deepEqual([expected.scanned, expected.frontMatterRead], [[], []]);
    assert.deepEqual(actual.entries.map(plainEntry), expected.entries.map(plainEntry));
    const described = actual.entries.find((entry) => entry.path === 'c1/described.md')!;
    assert.deepEqual([described.summary, described.frontMatter.filledFields], ['Under another name', ['title', 'description', 'extra']]);
    const front = actual.entries.find((entry) => entry.path === 'c1/front.md')!;
    assert.deepEqual([front.tags, front.created, front.type], [['kubernetes', 'deploy/canary'], '2024-02-29', 'how-to']);
    // Values many entries repeat come from the knowledge base's pool, shared with entries parsed here (chunk 0).
    const parsedHere = actual.entries.find((entry) => entry.path === 'c0/front.md')!;
    assert.equal(front.frontMatter.fieldLines, parsedHere.frontMatter.fieldLines);
    assert.equal(front.authors[0], parsedHere.authors[0]);
    assert.ok(Object.isFrozen(front.frontMatter.fieldLines));
  });

  it('parses a whole load with the configuration it started with, though commons.yml changes meanwhile', async () => {
    // Scans send front-matter values by their position among the fields the load's configuration
    // reads: mapping summary to title during the load moves every later field up by one.
    fs.writeFileSync(path.join(folder, 'commons.yml'), 'version: 1\n');
    for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(folder, `entry-${String(i).padStart(4, '0')}.md`), `---\ntitle: Entry ${i}\nsummary: S\nanswers: A\n---\n# Entry ${i}\n`);
    const kb = new KnowledgeBase(folder, new ThreadScanningFileSystem());
    let reloaded: Promise<void> | undefined;
    await kb.load({
      sliceMs: Infinity,
      onProgress: () => {
        if (reloaded) return;
        fs.writeFileSync(path.join(folder, 'commons.yml'), 'version: 1\nfields:\n  summary: title\n');
        reloaded = kb.loadConfig();
      },
    });
    await reloaded;
    assert.deepEqual(kb.config.fields, { summary: 'title' });
    const written = [...kb.index.all()].filter((entry) => entry.path.startsWith('entry-'));
    assert.equal(written.length, 2000);
    assert.deepEqual([...new Set(written.map((entry) => entry.answers))], ['A']);
  });

  it('sends a chunk with the files scanned so far once scanning stops being worth it, and they parse as the rest do', () => {
    const names = Object.keys(VARIED_ENTRIES).filter((name) => name !== 'long.md');
    const paths = names.map((name) => path.join(folder, 'partial', name));
    fs.mkdirSync(path.join(folder, 'partial'), { recursive: true });
    names.forEach((name, i) => fs.writeFileSync(paths[i], VARIED_ENTRIES[name]));
    const entryPaths = names.map((name) => `partial/${name}`);
    const config = defaultConfig();
    const context = (): ParseContext => ({ config, vocabulary: Vocabulary.fromConfig(config), pool: new StringPool() });
    const parseAll = (result: ChunkResult, parse: ParseContext) =>
      chunkResults(result).map((read, i) => (read.status === 'read' && read.bytes ? plainEntry(parseEntryBytes(entryPaths[i], read.bytes, read, parse, read.scanned)) : read.status));
    const plain = readEntryChunk(chunkRequest(paths, [], MAX_BYTES));
    const partial = readEntryChunk(chunkRequest(paths, [], MAX_BYTES));
    // Worth it for the first three files (all three can be scanned), then no longer.
    let allowed = 3;
    scanEntryChunk(partial, entryPaths, fieldKeysOf(config), () => allowed-- > 0);
    assert.deepEqual(partial.scans!.map(Boolean), names.map((_, i) => i < 3));
    assert.deepEqual(parseAll(partial, context()), parseAll(plain, context()));
  });
});

describe('NodeFileSystem.join', () => {
  it('joins exactly as path.join does, taking the short way only for a normal folder and a plain name', () => {
    const fs = new NodeFileSystem();
    const folders = ['/kb', '/kb/sub', '/', '/kb/', '/kb//sub', '/kb/./sub', '/kb/../kb', 'kb', 'kb/sub', '', '.', '/kb/sub'];
    const names = ['a.md', '.hidden.md', '..', '.', '', 'sub/a.md', '../a.md', 'a b.md', 'é.md'];
    for (const folder of folders) {
      for (const name of names) assert.equal(fs.join(folder, name), path.join(folder, name), `${JSON.stringify(folder)} + ${JSON.stringify(name)}`);
    }
    assert.equal(fs.join('/kb', 'sub', 'a.md'), path.join('/kb', 'sub', 'a.md'));
    assert.equal(fs.join('/kb'), path.join('/kb'));
  });
});
