// Dendron vaults keep their hierarchy in file names rather than folders: `dendron.topic.foo.md`
// is foo, under topic, under dendron, in one flat folder of hundreds of notes. In a Dendron
// workspace the Topics view shows that hierarchy, as Dendron's own tree does; a node whose name
// no entry has (`dendron.topic` without dendron.topic.md) stands for the entries below it.
import { isMarkdownName } from './discovery';
import { nameOf, parentFolder } from './paths';
import type { FileSystem } from './ports';

/** The file that makes a folder a Dendron workspace. */
export const DENDRON_CONFIG = 'dendron.yml';

/**
 * Whether a knowledge base is in a Dendron workspace: a dendron.yml in its folder or in a folder
 * above it, up to the top of its git work tree (a vault is often a subfolder of the workspace).
 */
export async function inDendronWorkspace(fs: FileSystem, root: string): Promise<boolean> {
  for (let folder = root; ; ) {
    if ((await fs.stat(fs.join(folder, DENDRON_CONFIG)))?.kind === 'file') return true;
    if (await fs.stat(fs.join(folder, '.git'))) return false;
    const parent = parentFolder(folder);
    if (!parent || parent === folder) return false;
    folder = parent;
  }
}

export interface DottedNode {
  /** The dotted name: `dendron.topic`. */
  name: string;
  /** The last part of the name: `topic`. */
  last: string;
  /** The entry with that name, when there is one. */
  path?: string;
  /** How many entries are below it. */
  below: number;
}

/** An entry's name in the hierarchy: its file name without the Markdown extension. */
export function dottedName(path: string): string {
  return nameOf(path).replace(/\.(md|markdown)$/i, '');
}

/**
 * The nodes right under `parent` ('' for the top) among the entries of one folder (KB-relative
 * paths), in no particular order.
 */
export function dottedChildren(paths: Iterable<string>, parent: string): DottedNode[] {
  return dottedTree(paths).get(parent) ?? [];
}

/**
 * Every node of a folder's hierarchy, by the name of the node it is under ('' for the top), in
 * one pass over the folder: a tree opens many nodes, and each would otherwise read the folder.
 */
export function dottedTree(paths: Iterable<string>): Map<string, DottedNode[]> {
  const nodes = new Map<string, DottedNode>();
  const children = new Map<string, DottedNode[]>();
  for (const path of paths) {
    if (!isMarkdownName(path)) continue;
    const whole = dottedName(path);
    // A name with an empty part (`.hidden`, `a..b`, `b.`) is one node: it has no place in a hierarchy of names.
    const split = whole.split('.');
    const parts = split.includes('') ? [whole] : split;
    let parent = '';
    for (let i = 0; i < parts.length; i++) {
      const name = i ? `${parent}.${parts[i]}` : parts[i];
      let node = nodes.get(name);
      if (!node) {
        nodes.set(name, (node = { name, last: parts[i], below: 0 }));
        const siblings = children.get(parent);
        if (siblings) siblings.push(node);
        else children.set(parent, [node]);
      }
      if (i === parts.length - 1) node.path ??= path;
      else node.below++;
      parent = name;
    }
  }
  return children;
}
