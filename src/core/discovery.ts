// Which files are entries: Markdown under the entries folder, minus paths git ignores (the
// .gitignore files in and above the knowledge base, up to the top of its work tree), `ignore:`
// patterns (from the root or the entries folder), dot-folders (.git, .commons, .github), and node_modules. Symbolic links to folders are
// not followed, so a link loop cannot make the walk run forever.
//
// Git's rules decide together, as git applies them: the last pattern to match a path wins, a
// deeper .gitignore counting after a higher one (and every .gitignore after .git/info/exclude), so
// `!keep.md` in a subfolder re-includes a file the root's `*.md` ignores. Nothing re-includes a
// file below a folder that is ignored itself: the walk never enters it. `ignore:` patterns from
// commons.yml are Commons' own, and leave a file out whatever git's say.
import ignore, { type Ignore } from 'ignore';
import type { CommonsConfig } from './config';
import type { FileSystem } from './ports';
import { nameOf, parentFolder } from './paths';

export interface DiscoveredFile {
  /** KB-relative POSIX path. */
  path: string;
  absolute: string;
}

interface IgnoreLayer {
  /** KB-relative folder the rules are relative to. */
  base: string;
  /** For rules from a folder above the root: the path from that folder down to the root, ending in a slash. */
  above?: string;
  rules: Ignore;
  /** `ignore:` from commons.yml: a match leaves the path out, whatever git's rules say. */
  fromConfig?: boolean;
}

function layer(base: string, patterns: string, options: { above?: string; fromConfig?: boolean } = {}): IgnoreLayer {
  return { base, rules: ignore().add(patterns), ...options };
}

export function isMarkdownName(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

export function isSkippedFolderName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Builds a predicate for one KB-relative path, for watchers that hear about single files. */
export class IgnoreRules {
  /** Folders the last walk could not list (not ones that vanished), with why: their entries are missing from the index. */
  readonly unreadableFolders = new Map<string, string>();
  /** `.gitignore` files below the root, by folder, as the last walk found them. */
  private readonly nested = new Map<string, IgnoreLayer>();

  constructor(private readonly config: CommonsConfig, private readonly layers: IgnoreLayer[]) {}

  static async load(fs: FileSystem, root: string, config: CommonsConfig): Promise<IgnoreRules> {
    // Layers without rules are left out: they are asked about every file.
    const layers: IgnoreLayer[] = config.ignore.length ? [layer('', config.ignore.join('\n'), { fromConfig: true })] : [];
    // `ignore:` patterns count from the root or from the entries folder: with `entries: docs`, both
    // "docs/drafts/**" and "drafts/**" leave out docs/drafts (people write either).
    if (config.ignore.length && config.entries) layers.push(layer(config.entries, config.ignore.join('\n'), { fromConfig: true }));
    // Git's, in the order they count (see excluded): those above the root, then the root's.
    layers.push(...(await rulesAbove(fs, root)));
    const gitignore = await readText(fs, fs.join(root, '.gitignore'));
    if (gitignore) layers.push(layer('', gitignore));
    return new IgnoreRules(config, layers);
  }

  /** True when a KB-relative file path is an entry by location (not by content). */
  isEntryPath(path: string): boolean {
    if (!isMarkdownName(path)) return false;
    const entriesFolder = this.config.entries;
    if (entriesFolder && !path.startsWith(entriesFolder + '/')) return false;
    const segments = path.split('/');
    if (segments.slice(0, -1).some(isSkippedFolderName)) return false;
    // The folders on the way are asked as the walk asks them: those below the entries folder
    // (where the walk starts), each under the .gitignore files of the folders above it.
    let layers: readonly IgnoreLayer[] = this.layers;
    let folder = '';
    for (const segment of segments.slice(0, -1)) {
      folder = folder ? `${folder}/${segment}` : segment;
      if (!entriesFolder || folder.length > entriesFolder.length) {
        if (excluded(layers, folder, true)) return false;
        layers = layersBelow(layers, folder);
      }
      const nested = this.nested.get(folder);
      if (nested) layers = [...layers, nested];
    }
    return !excluded(layers, path, false);
  }

  /**
   * Walks the knowledge base, reading nested .gitignore files on the way. Files come a folder at a
   * time: a generator step per file, passed up through every folder level, cost a large
   * knowledge base's load more than reading its folders did.
   */
  async *walk(fs: FileSystem, root: string): AsyncGenerator<DiscoveredFile[]> {
    const start = this.config.entries;
    this.nested.clear();
    this.unreadableFolders.clear();
    yield* this.walkFolder(fs, root, start, this.layers);
  }

  /**
   * The same walk below one folder (one created or moved in whole), under the .gitignore files of
   * the folders above it as the last walk found them; those it finds on the way are kept too.
   * Files it yields may still lie outside the entries folder: ask isEntryPath.
   */
  async *walkBelow(fs: FileSystem, root: string, folder: string): AsyncGenerator<DiscoveredFile[]> {
    const entriesFolder = this.config.entries;
    let layers: readonly IgnoreLayer[] = this.layers;
    let above = '';
    for (const segment of folder.split('/')) {
      above = above ? `${above}/${segment}` : segment;
      if (!entriesFolder || above.length > entriesFolder.length) layers = layersBelow(layers, above);
      if (above === folder) break;
      const nested = this.nested.get(above);
      if (nested) layers = [...layers, nested];
    }
    yield* this.walkFolder(fs, root, folder, layers);
  }

  private async *walkFolder(fs: FileSystem, root: string, folder: string, layers: readonly IgnoreLayer[]): AsyncGenerator<DiscoveredFile[]> {
    const absolute = folder ? fs.join(root, ...folder.split('/')) : root;
    let children;
    try {
      children = await fs.readDirectory(absolute);
    } catch (error) {
      // A folder that vanished holds no entries; one that cannot be read may, so it is named.
      const code = (error as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.unreadableFolders.set(folder, withoutPath((error as Error).message));
      return;
    }
    if (folder && children.some((child) => child.name === '.gitignore' && child.kind === 'file')) {
      const text = await readText(fs, fs.join(absolute, '.gitignore'));
      if (text) {
        const nested = layer(folder, text);
        this.nested.set(folder, nested);
        layers = [...layers, nested];
      }
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Files and subfolders in name order, as one sorted listing gives them: the files before a
    // subfolder go out as one batch before the walk enters it.
    let files: DiscoveredFile[] = [];
    for (const child of children) {
      const path = folder ? `${folder}/${child.name}` : child.name;
      if (child.kind === 'directory') {
        if (isSkippedFolderName(child.name) || excluded(layers, path, true)) continue;
        if (files.length) yield files;
        files = [];
        yield* this.walkFolder(fs, root, path, layersBelow(layers, path));
      } else if ((child.kind === 'file' || child.kind === 'symlink') && isMarkdownName(child.name)) {
        if (excluded(layers, path, false)) continue;
        files.push({ path, absolute: fs.join(absolute, child.name) });
      }
    }
    if (files.length) yield files;
  }
}

/**
 * Whether the layers leave a KB-relative path out: any of commons.yml's `ignore:` matching it, or
 * else git's last say. Git's layers come in the order they count: .git/info/exclude, the
 * .gitignore files from the top of the work tree down (a deeper one after a higher one). Each
 * gives its own last matching pattern (a folder it ignores counting for what is below it), and
 * the last layer to have a say wins.
 */
function excluded(layers: readonly IgnoreLayer[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const result = test(layer, path, isDirectory);
    if (!result) continue;
    if (layer.fromConfig) {
      if (result.ignored) return true;
    } else if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * The layers to ask below a folder the walk enters. A git layer that ignores the folder itself
 * (a later layer re-included it) would say the same of everything below it; it is asked with
 * the folder re-included at its end, so its patterns for what is below still count (`*.md`
 * beside `build/`), as in git.
 */
function layersBelow(layers: readonly IgnoreLayer[], folder: string): readonly IgnoreLayer[] {
  let below: IgnoreLayer[] | undefined;
  layers.forEach((one, i) => {
    if (one.fromConfig || !test(one, folder, true)?.ignored) return;
    below ??= [...layers];
    below[i] = reincluding(one, folder);
  });
  return below ?? layers;
}

/** Layers with a folder re-included, made once per layer and folder: a walk asks for them once, the watcher for every file below. */
const reincluded = new WeakMap<IgnoreLayer, Map<string, IgnoreLayer>>();

function reincluding(one: IgnoreLayer, folder: string): IgnoreLayer {
  let byFolder = reincluded.get(one);
  if (!byFolder) reincluded.set(one, (byFolder = new Map()));
  let made = byFolder.get(folder);
  if (!made) {
    // The layer's rules as they are (not parsed again), and one more.
    made = { ...one, rules: ignore().add(one.rules).add(`!/${literalPattern(relativeTo(one, folder))}/`) };
    byFolder.set(folder, made);
  }
  return made;
}

/** A path as a pattern that matches it alone: every character that means something in a pattern escaped. */
function literalPattern(path: string): string {
  return path.replace(/[\\*?[\]!#]/g, '\\$&').replace(/ /g, '\\ ');
}

function relativeTo(layer: IgnoreLayer, path: string): string {
  return (layer.above ?? '') + (layer.base ? path.slice(layer.base.length + 1) : path);
}

/** What one layer says of a path, or undefined when the path is not below the layer's folder. */
function test(layer: IgnoreLayer, path: string, isDirectory: boolean): { ignored: boolean; unignored: boolean } | undefined {
  if (layer.base && !path.startsWith(layer.base + '/')) return undefined;
  const relative = relativeTo(layer, path);
  return layer.rules.test(isDirectory ? relative + '/' : relative);
}

/**
 * The rules git applies to a knowledge base in a subfolder of its work tree from outside it: the
 * .gitignore files of the folders above the root, up to the top of the work tree (the folder
 * holding .git), and .git/info/exclude there. Outside a work tree, none.
 */
async function rulesAbove(fs: FileSystem, root: string): Promise<IgnoreLayer[]> {
  const folders: Array<{ folder: string; above: string }> = [];
  let folder = root;
  let above = '';
  for (;;) {
    const git = await fs.stat(fs.join(folder, '.git'));
    if (git) {
      const layers: IgnoreLayer[] = [];
      // Worktrees and submodules have a .git file, and their exclude file elsewhere: left out.
      const exclude = git.kind === 'directory' ? await readText(fs, fs.join(folder, '.git', 'info', 'exclude')) : undefined;
      if (exclude) layers.push(layer('', exclude, { above }));
      // From the top of the work tree down: a deeper .gitignore counts after a higher one.
      for (const one of [...folders].reverse()) {
        const text = await readText(fs, fs.join(one.folder, '.gitignore'));
        if (text) layers.push(layer('', text, { above: one.above }));
      }
      return layers;
    }
    const parent = parentFolder(folder);
    if (!parent) return [];
    above = `${nameOf(folder)}/${above}`;
    folder = parent;
    folders.push({ folder, above });
  }
}

async function readText(fs: FileSystem, path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await fs.readFile(path));
  } catch {
    return undefined;
  }
}

/** A file system error's message without the path it ends with (`EACCES: permission denied, scandir '/a/b'`): findings name the file themselves. */
export function withoutPath(message: string): string {
  return message.replace(/, \w+ '.*'$/, '');
}
