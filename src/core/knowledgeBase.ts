// One knowledge base: its root, configuration, vocabulary and live entry index. It reads files
// through the FileSystem port only, so the CLI, the editor and the tests share this code.
import { CONFIG_FILE, configText, defaultConfig, parseConfig, type CommonsConfig } from './config';
import { DENDRON_CONFIG, inDendronWorkspace } from './dotHierarchy';
import { IgnoreRules, isMarkdownName, isSkippedFolderName, withoutPath, type DiscoveredFile } from './discovery';
import { parentFolder, posixDirname } from './paths';
import { openEntryReader, readEntryRequest, sameFileFacts, type ReadResult } from './entryReading';
import { StringPool } from './entryMemory';
import { oversizedEntry, parseEntryBytes, skippedEntry, type ParseContext } from './entryParser';
import { EntryIndex } from './index/entryIndex';
import type { Entry, Finding } from './model';
import type { EntryFileResult, EntryReader, FileFacts, FileSystem, Logger } from './ports';
import { silentLogger } from './ports';
import { Vocabulary } from './vocabulary';

export interface LoadOptions {
  /**
   * Entries from a snapshot, reused when a file's size, mtime and change time have not changed. May be given
   * while the snapshot is still being restored: the files are stat'ed meanwhile.
   */
  previous?: Map<string, Entry> | Promise<Map<string, Entry> | undefined>;
  /** Called after each batch, so views can fill in while indexing goes on. */
  onProgress?: (indexed: number) => void;
  /** Time slice after which indexing yields to the event loop, in milliseconds. */
  sliceMs?: number;
  /** Stop early (the editor closed the folder). */
  isCancelled?: () => boolean;
  /** Set when loadConfig() just ran (to pick the right snapshot), so it is not read twice. */
  configLoaded?: boolean;
}

export type FileEvent = { path: string; kind: 'changed' | 'deleted' };

export interface LoadResult {
  /** Entries taken from `previous` as they were: their files had not changed. */
  reused: number;
}

const BATCH_SIZE = 500;
/**
 * Files per read request, and how many requests may wait ahead of the parsing: enough that the
 * reader's thread can scan bodies while this thread still has chunks to parse (see
 * entryReaderWorker.ts; on cpp-docs eight measured faster than five or twelve), at most 36 MB of
 * file bytes (nine chunks in flight, each of at most 4 MB).
 */
const READ_CHUNK = 128;
const READ_AHEAD = 8;

export class KnowledgeBase {
  readonly index = new EntryIndex();
  config: CommonsConfig = defaultConfig();
  configFindings: Finding[] = [];
  vocabulary = new Vocabulary({});
  /** In a Dendron workspace: its entries' dotted file names are their hierarchy (see dotHierarchy.ts). */
  dendron = false;
  private ignoreRules?: IgnoreRules;
  /** Tags, people, dates and the like, kept once for the whole knowledge base. */
  private readonly strings = new StringPool();

  constructor(readonly root: string, private readonly fs: FileSystem, private readonly log: Logger = silentLogger) {}

  /**
   * The folder holding commons.yml: the start folder or its nearest ancestor, up to the top of
   * the git work tree it is in (a commons.yml outside the repository is another knowledge base,
   * as the editor, which looks only inside its workspace folder, sees it); else the start folder.
   */
  static async findRoot(fs: FileSystem, start: string): Promise<string> {
    for (let folder = start; ; ) {
      if ((await fs.stat(fs.join(folder, CONFIG_FILE)))?.kind === 'file') return folder;
      if (await fs.stat(fs.join(folder, '.git'))) return start;
      const parent = parentFolder(folder);
      if (!parent || parent === folder) return start;
      folder = parent;
    }
  }

  /** What this knowledge base's entries share (tags, people, dates, front-matter layouts), for snapshots to reuse. */
  get stringPool(): StringPool {
    return this.strings;
  }

  /**
   * For parsing text that is not indexed (an editor's unsaved text, an old revision): without the
   * pool, so what is typed and thrown away is not kept for the rest of the session.
   */
  get parseContext(): ParseContext {
    return { config: this.config, vocabulary: this.vocabulary };
  }

  /** For entries that go into the index: they share repeated values through the pool. */
  private get indexContext(): ParseContext {
    return { config: this.config, vocabulary: this.vocabulary, pool: this.strings };
  }

  /**
   * Reads commons.yml, or takes it as given (a staged or older revision of it): as bytes, whose
   * encoding is checked as a file's is, or as text already decoded.
   */
  async loadConfig(given?: string | Uint8Array): Promise<void> {
    const path = this.fs.join(this.root, CONFIG_FILE);
    let text: string | undefined;
    let unreadable: string | undefined;
    let encoding: ReturnType<typeof configText>['problem'];
    try {
      if (typeof given === 'string') text = given;
      else ({ text, problem: encoding } = configText(given ?? (await this.fs.readFile(path))));
    } catch (error) {
      text = undefined;
      // Absent is fine (defaults); there but unreadable (a folder, no permission) is a mistake to report.
      if (await this.fs.stat(path)) unreadable = (error as Error).message;
    }
    if (text === undefined) {
      this.config = defaultConfig();
      this.configFindings = unreadable === undefined ? [] : [{ file: CONFIG_FILE, line: 1, column: 1, severity: 'error', rule: 'config', message: `${CONFIG_FILE} cannot be read (${unreadable}): the defaults are used` }];
      if (unreadable !== undefined) this.log.warn('config', this.configFindings[0].message);
    } else {
      const loaded = parseConfig(text, CONFIG_FILE);
      if (encoding) loaded.findings.unshift({ file: CONFIG_FILE, line: encoding.line, column: 1, severity: 'error', rule: 'config', message: encoding.message });
      this.config = loaded.config;
      this.configFindings = loaded.findings;
      // A mistyped folder would leave nothing to check, and a check of nothing passes: say so.
      const entries = this.config.entries;
      if (entries && (await this.fs.stat(this.fs.join(this.root, ...entries.split('/'))))?.kind !== 'directory') {
        const line = text.split(/\r?\n/).findIndex((one) => /^entries\s*:/.test(one)) + 1 || 1;
        this.configFindings.push({ file: CONFIG_FILE, line, column: 1, severity: 'error', rule: 'config', message: `"entries" names ${entries}, which is not a folder of the knowledge base: no entry is read` });
      }
      // A mistyped template would quietly give every new entry of its type the built-in one, and so
      // does one outside the knowledge base, which new entries never read.
      for (const [type, { template }] of Object.entries(this.config.types)) {
        if (!template) continue;
        const inside = insideRoot(this.root, template);
        const outside = inside === undefined;
        if (!outside && (await this.fs.stat(this.fs.join(this.root, ...inside.split('/'))))?.kind === 'file') continue;
        const line = text.split(/\r?\n/).findIndex((one) => /template\s*:/.test(one) && one.includes(template)) + 1 || 1;
        const problem = outside ? 'is outside the knowledge base' : 'is not a file';
        this.configFindings.push({ file: CONFIG_FILE, line, column: 1, severity: 'warning', rule: 'config', message: `the template of ${type}, ${template}, ${problem}: new ${type} entries get the built-in template` });
      }
      for (const finding of loaded.findings) this.log.warn('config', `${finding.file}:${finding.line}: ${finding.message}`);
    }
    this.vocabulary = Vocabulary.fromConfig(this.config);
    this.ignoreRules = await IgnoreRules.load(this.fs, this.root, this.config);
    this.dendron = await inDendronWorkspace(this.fs, this.root);
    // Dendron notes describe themselves in `desc:`: their summary, unless commons.yml maps it elsewhere.
    if (this.dendron && this.config.fields.summary === undefined) this.config = { ...this.config, fields: { ...this.config.fields, summary: 'desc' } };
  }

  /** Reads commons.yml and every entry. Call again after commons.yml changes. */
  async load(options: LoadOptions = {}): Promise<LoadResult> {
    if (!options.configLoaded || !this.ignoreRules) await this.loadConfig();
    const rules = this.ignoreRules!;
    // Paths the walk found, to drop the entries of files gone since an earlier load: a first load
    // has none to drop, and spares a large knowledge base a Set of every path.
    const seen = this.index.size ? new Set<string>() : undefined;
    let batch: Entry[] = [];
    let indexed = 0;
    let reused = 0;
    const sliceMs = options.sliceMs ?? 25;
    let sliceStart = Date.now();
    const add = async (entry: Entry) => {
      seen?.add(entry.path);
      batch.push(entry);
      if (batch.length >= BATCH_SIZE || Date.now() - sliceStart > sliceMs) {
        indexed += batch.length;
        this.index.apply({ upserts: batch });
        batch = [];
        options.onProgress?.(indexed);
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    };
    // Files are read a chunk at a time, a few chunks ahead of the parsing, so the reader (another
    // thread where the file system has one, which also scans part of the files) is busy while
    // this thread parses and indexes.
    // One configuration for the whole load, even if commons.yml is read again meanwhile: the
    // reader's scans send front-matter values by their position among the fields it reads.
    const context = this.indexContext;
    const reader = openEntryReader(this.fs, { maxBytes: context.config.maxFileBytes, parse: context, log: this.log });
    const chunks: Array<{ files: DiscoveredFile[]; known: Array<Entry | undefined>; results: Promise<EntryFileResult[]> }> = [];
    let files: DiscoveredFile[] = [];
    let previous: Map<string, Entry> | undefined;
    const send = () => {
      const known = files.map((file) => previous?.get(file.path));
      const requests = files.map((file, i) => ({ path: file.absolute, entryPath: file.path, known: known[i] }));
      chunks.push({ files, known, results: reader.read(requests) });
      files = [];
    };
    const take = async () => {
      const chunk = chunks.shift()!;
      const results = await chunk.results;
      for (let i = 0; i < results.length; i++) {
        const { path, absolute } = chunk.files[i];
        const known = chunk.known[i];
        const given = results[i];
        const result = given.status === 'deferred' ? await readEntryRequest(this.fs, { path: absolute, known }, context.config.maxFileBytes) : given;
        const entry = this.entryFrom(path, result, known, context);
        if (entry && entry === known) reused++;
        if (entry) await add(entry);
      }
      // Only now may the reader reuse the memory these results' bytes are in.
      reader.release(results);
    };
    /** Queues a file to be read; false once the load is cancelled. */
    const read = async (file: DiscoveredFile): Promise<boolean> => {
      if (options.isCancelled?.()) return false;
      files.push(file);
      if (files.length < READ_CHUNK) return true;
      send();
      if (chunks.length > READ_AHEAD) await take();
      return true;
    };
    try {
      if (options.previous) {
        // A warm start: every file is stat'ed (on the reader's thread) while the snapshot is
        // restored, then only the files whose size, mtime or change time changed are read.
        // A restore that fails only costs reading every file.
        const restoring = Promise.resolve(options.previous).catch(() => undefined);
        const [listed, restored] = await Promise.all([this.statFiles(rules, reader, options.isCancelled), restoring]);
        if (options.isCancelled?.()) return { reused };
        previous = restored;
        for (const { file, facts } of listed) {
          if (options.isCancelled?.()) return { reused };
          const known = previous?.get(file.path);
          if (known && facts && sameFileFacts(known, facts)) {
            reused++;
            await add(known);
          }
          else if (!(await read(file))) return { reused };
        }
      } else {
        for await (const folderFiles of rules.walk(this.fs, this.root)) {
          for (const file of folderFiles) if (!(await read(file))) return { reused };
        }
      }
      if (files.length) send();
      while (chunks.length) {
        if (options.isCancelled?.()) return { reused };
        await take();
      }
    } finally {
      reader.close();
    }
    const removals = seen ? [...this.index.paths()].filter((path) => !seen.has(path)) : [];
    this.index.apply({ upserts: batch, removals });
    options.onProgress?.(indexed + batch.length);
    return { reused };
  }

  /** Every entry file with its size, mtime and change time (undefined when the stat failed), stat'ed a chunk at a time. */
  private async statFiles(rules: IgnoreRules, reader: EntryReader, isCancelled?: () => boolean): Promise<Array<{ file: DiscoveredFile; facts?: FileFacts }>> {
    const chunks: Array<{ files: DiscoveredFile[]; facts: Promise<Array<FileFacts | undefined>> }> = [];
    let files: DiscoveredFile[] = [];
    const send = () => {
      chunks.push({ files, facts: reader.stat(files.map((file) => file.absolute)) });
      files = [];
    };
    for await (const folderFiles of rules.walk(this.fs, this.root)) {
      if (isCancelled?.()) break;
      for (const file of folderFiles) {
        files.push(file);
        if (files.length >= READ_CHUNK) send();
      }
    }
    if (files.length) send();
    const listed: Array<{ file: DiscoveredFile; facts?: FileFacts }> = [];
    for (const chunk of chunks) {
      const facts = await chunk.facts;
      chunk.files.forEach((file, i) => listed.push({ file, facts: facts[i] }));
    }
    return listed;
  }

  /** Builds the index of who links where in slices (see EntryIndex.prepareLinkSources): after a load, before the first backlinks query needs it. */
  prepareLinkSources(sliceMs = 25): Promise<boolean> {
    return this.index.prepareLinkSources(sliceMs, yieldToEventLoop);
  }

  /** Applies watcher events (KB-relative paths). Returns true when commons.yml or a .gitignore changed and a reload is due. */
  async applyFileEvents(events: FileEvent[]): Promise<boolean> {
    const upserts: Entry[] = [];
    const removals: string[] = [];
    let configChanged = false;
    const latest = new Map<string, FileEvent['kind']>();
    for (const event of events) latest.set(event.path, event.kind);
    const listings = new Map<string, Promise<Map<string, string>>>();
    for (const [path, kind] of latest) {
      // dendron.yml decides the Topics layout and the summary field (see loadConfig).
      if (path === CONFIG_FILE || path === DENDRON_CONFIG || path === '.gitignore' || (path.endsWith('/.gitignore') && !inSkippedFolder(path))) {
        configChanged = true;
        continue;
      }
      if (kind === 'deleted') {
        // A folder deleted or moved away comes as one event (VS Code reports no event per file in it).
        removals.push(...this.entriesUnder(path));
        if (this.isEntryPath(path)) removals.push(path);
        continue;
      }
      if (!this.isEntryPath(path)) {
        // A folder created or moved here, likewise: its entries are read as a walk would find them.
        // (Any other file is told apart by one stat, before anything is listed.)
        if (inSkippedFolder(`${path}/x`) || (await this.fs.stat(this.absolutePath(path)))?.kind !== 'directory') continue;
        if (await this.throughFolderLink(path, listings)) continue;
        for (const entryPath of await this.entryPathsIn(path)) {
          const entry = await this.readEntry(entryPath, this.absolutePath(entryPath));
          if (entry) upserts.push(entry);
        }
        continue;
      }
      // The walk does not follow symbolic links to folders (a link to `.` would never end): nor do
      // events. An entry already indexed, or one beside indexed entries, came through that check
      // (or the walk) already; only a file in a folder new to the index has its folders listed.
      if (!this.index.has(path) && !this.index.folderSize(posixDirname(path)) && (await this.throughFolderLink(path, listings))) continue;
      const entry = await this.readEntry(path, this.fs.join(this.root, ...path.split('/')));
      if (entry) upserts.push(entry);
      else removals.push(path);
    }
    this.index.apply({ upserts, removals });
    return configChanged;
  }

  /** Whether the path, or a folder on the way to it, is a symbolic link (listings are kept for one batch of events). */
  private async throughFolderLink(path: string, listings: Map<string, Promise<Map<string, string>>>): Promise<boolean> {
    const segments = path.split('/');
    let parent = '';
    for (const segment of segments) {
      let listing = listings.get(parent);
      if (!listing) {
        listing = this.fs.readDirectory(parent ? this.absolutePath(parent) : this.root).then(
          (children) => new Map(children.map((child) => [child.name, child.kind])),
          () => new Map<string, string>(),
        );
        listings.set(parent, listing);
      }
      // A folder on the way may not be a link; the file itself may, as the walk allows.
      const last = segment === segments[segments.length - 1];
      if ((await listing).get(segment) === 'symlink' && (!last || !isMarkdownName(segment))) return true;
      parent = parent ? `${parent}/${segment}` : segment;
    }
    return false;
  }

  /** Indexed entries below a folder (KB-relative). */
  private entriesUnder(folder: string): string[] {
    if (!this.index.folderSize(folder)) return [];
    const prefix = `${folder}/`;
    return [...this.index.paths()].filter((path) => path.startsWith(prefix));
  }

  /** The entry files below a folder, as a walk finds them (symbolic links to folders are not followed). */
  private async entryPathsIn(folder: string): Promise<string[]> {
    const found: string[] = [];
    if (!this.ignoreRules) return found;
    for await (const files of this.ignoreRules.walkBelow(this.fs, this.root, folder)) {
      for (const file of files) if (this.isEntryPath(file.path)) found.push(file.path);
    }
    return found;
  }

  /**
   * Folders of the knowledge base the last load could not list, as findings: the entries in them
   * are missing. The folder the entries are in is an error: without it nothing was read, and a
   * check of nothing would pass.
   */
  get discoveryFindings(): Finding[] {
    const top = this.config.entries ?? '';
    return [...(this.ignoreRules?.unreadableFolders ?? [])].map(([folder, message]) =>
      folder === top
        ? { file: folder || '.', line: 1, column: 1, severity: 'error' as const, rule: 'skipped-file', message: `the folder of the entries cannot be read (${message}): no entry is read` }
        : { file: folder || '.', line: 1, column: 1, severity: 'warning' as const, rule: 'skipped-file', message: `folder cannot be read (${message}): the entries in it are left out` },
    );
  }

  isEntryPath(path: string): boolean {
    return this.ignoreRules?.isEntryPath(path) ?? false;
  }

  absolutePath(path: string): string {
    return this.fs.join(this.root, ...path.split('/'));
  }

  private async readEntry(path: string, absolute: string): Promise<Entry | undefined> {
    return this.entryFrom(path, await readEntryRequest(this.fs, { path: absolute }, this.config.maxFileBytes));
  }

  /** The entry a read gave: the snapshot's own when the file is unchanged, none when it is gone or unreadable. */
  private entryFrom(path: string, result: ReadResult, reused?: Entry, context = this.indexContext): Entry | undefined {
    switch (result.status) {
      case 'unchanged':
        return reused;
      case 'missing':
        return undefined;
      case 'failed':
        this.log.warn('index', `cannot read ${path}: ${result.message}`);
        // Named, not dropped: a check that skips a file it cannot read must not pass in silence.
        if (/ENOENT|ENOTDIR/.test(result.message)) return undefined;
        return skippedEntry(path, { size: 0, mtimeMs: 0 }, `file cannot be read (${withoutPath(result.message)}): skipped`);
      case 'read':
        if (!result.bytes) return oversizedEntry(path, result, context.config.maxFileBytes);
        return parseEntryBytes(path, result.bytes, result, context, result.scanned);
    }
  }
}

/** True for paths under a folder discovery never enters (dot-folders, node_modules). */
export function inSkippedFolder(path: string): boolean {
  return path.split('/').slice(0, -1).some(isSkippedFolderName);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Where a path commons.yml gives (from its folder, or absolute) lies in the knowledge base, as a
 * KB-relative path; undefined when it lies outside, as New Entry, which resolves it the same way,
 * then uses the built-in template.
 */
function insideRoot(root: string, given: string): string | undefined {
  const slashedRoot = root.replace(/\\/g, '/').replace(/\/+$/, '');
  const slashed = given.replace(/\\/g, '/');
  const absolute = /^(\/|[A-Za-z]:)/.test(slashed) ? slashed : `${slashedRoot}/${slashed}`;
  const parts: string[] = [];
  for (const part of absolute.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  const rootParts = slashedRoot.split('/').filter(Boolean);
  if (parts.length <= rootParts.length || rootParts.some((part, i) => parts[i] !== part)) return undefined;
  return parts.slice(rootParts.length).join('/');
}
