// Which files are entries: Markdown under the entries folder, minus paths git ignores (the
// .gitignore files in and above the knowledge base, up to the top of its work tree), `ignore:`
// patterns (from the root or the entries folder), dot-folders (.git, .commons, .github), and node_modules. Symbolic links to folders are
// not followed, so a link loop cannot make the walk run forever.
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
    const layers: IgnoreLayer[] = config.ignore.length ? [{ base: '', rules: ignore().add(config.ignore) }] : [];
    // `ignore:` patterns count from the root or from the entries folder: with `entries: docs`, both
    // "docs/drafts/**" and "drafts/**" leave out docs/drafts (people write either).
    if (config.ignore.length && config.entries) layers.push({ base: config.entries, rules: ignore().add(config.ignore) });
    const gitignore = await readText(fs, fs.join(root, '.gitignore'));
    if (gitignore) layers.push({ base: '', rules: ignore().add(gitignore) });
    layers.push(...(await rulesAbove(fs, root)));
    return new IgnoreRules(config, layers);
  }

  /** True when a KB-relative file path is an entry by location (not by content). */
  isEntryPath(path: string): boolean {
    if (!isMarkdownName(path)) return false;
    const entriesFolder = this.config.entries;
    if (entriesFolder && !path.startsWith(entriesFolder + '/')) return false;
    const segments = path.split('/');
    if (segments.slice(0, -1).some(isSkippedFolderName)) return false;
    if (this.layers.some((layer) => isIgnored(layer, path, false))) return false;
    // Nested .gitignore files apply below their folder, each folder's to its own paths.
    let folder = '';
    for (const segment of segments.slice(0, -1)) {
      folder = folder ? `${folder}/${segment}` : segment;
      const layer = this.nested.get(folder);
      if (layer && isIgnored(layer, path, false)) return false;
    }
    return true;
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
    yield* this.walkFolder(fs, root, start, [...this.layers]);
  }

  /**
   * The same walk below one folder (one created or moved in whole), under the .gitignore files of
   * the folders above it as the last walk found them; those it finds on the way are kept too.
   * Files it yields may still lie outside the entries folder: ask isEntryPath.
   */
  async *walkBelow(fs: FileSystem, root: string, folder: string): AsyncGenerator<DiscoveredFile[]> {
    const layers = [...this.layers];
    let above = '';
    for (const segment of folder.split('/').slice(0, -1)) {
      above = above ? `${above}/${segment}` : segment;
      const layer = this.nested.get(above);
      if (layer) layers.push(layer);
    }
    yield* this.walkFolder(fs, root, folder, layers);
  }

  private async *walkFolder(fs: FileSystem, root: string, folder: string, layers: IgnoreLayer[]): AsyncGenerator<DiscoveredFile[]> {
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
        const layer = { base: folder, rules: ignore().add(text) };
        this.nested.set(folder, layer);
        layers = [...layers, layer];
      }
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Files and subfolders in name order, as one sorted listing gives them: the files before a
    // subfolder go out as one batch before the walk enters it.
    let files: DiscoveredFile[] = [];
    for (const child of children) {
      const path = folder ? `${folder}/${child.name}` : child.name;
      if (child.kind === 'directory') {
        if (isSkippedFolderName(child.name) || layers.some((layer) => isIgnored(layer, path, true))) continue;
        if (files.length) yield files;
        files = [];
        yield* this.walkFolder(fs, root, path, layers);
      } else if ((child.kind === 'file' || child.kind === 'symlink') && isMarkdownName(child.name)) {
        if (layers.some((layer) => isIgnored(layer, path, false))) continue;
        files.push({ path, absolute: fs.join(absolute, child.name) });
      }
    }
    if (files.length) yield files;
  }
}

function isIgnored(layer: IgnoreLayer, path: string, isDirectory: boolean): boolean {
  if (layer.base && !path.startsWith(layer.base + '/')) return false;
  const relative = (layer.above ?? '') + (layer.base ? path.slice(layer.base.length + 1) : path);
  return layer.rules.ignores(isDirectory ? relative + '/' : relative);
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
      if (exclude) layers.push({ base: '', above, rules: ignore().add(exclude) });
      for (const one of folders) {
        const text = await readText(fs, fs.join(one.folder, '.gitignore'));
        if (text) layers.push({ base: '', above: one.above, rules: ignore().add(text) });
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
