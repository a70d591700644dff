// What renaming entries does to the links between them, for tests: the link edits are applied,
// the files moved, and the knowledge base loaded again, so that where each link leads before and
// after can be compared.
import { linkEditsForRenames, linkSourcesForRenames, type LinkRenameOptions } from '../../src/core/edit/linkRenames';
import { applyEdits } from '../../src/core/edit/textEdit';
import { KnowledgeBase } from '../../src/core/knowledgeBase';
import { movedPath, type PathRename } from '../../src/core/paths';
import { MemoryFileSystem } from './fakes/memoryFileSystem';

export async function load(files: Record<string, string>): Promise<KnowledgeBase> {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/kb/${k}`, v])));
  const kb = new KnowledgeBase('/kb', fs);
  await kb.load();
  return kb;
}

/** Every file after the renames, with the link edits applied first (as the editor applies them before it moves the files). */
export function renamed(kb: KnowledgeBase, files: Record<string, string>, renames: PathRename[], options: LinkRenameOptions = { markdown: true, wiki: true }): Record<string, string> {
  const sources = linkSourcesForRenames(kb.index.paths(), renames, (path) => kb.index.backlinks(path));
  const edited = { ...files };
  for (const source of sources) edited[source] = applyEdits(files[source], linkEditsForRenames(source, files[source], renames, kb.index, options));
  return Object.fromEntries(Object.entries(edited).map(([path, text]) => [movedPath(path, renames) ?? path, text]));
}

/** Each entry's links as the entries they reach, with paths after the renames mapped back to the old ones, so that before and after compare. */
export async function reached(files: Record<string, string>, renames: PathRename[] = []): Promise<Record<string, string[][]>> {
  const kb = await load(files);
  const back = (path: string) => renames.reduce((p, { from, to }) => (p === to ? from : p.startsWith(`${to}/`) ? from + p.slice(to.length) : p), path);
  const result: Record<string, string[][]> = {};
  for (const path of kb.index.paths()) result[back(path)] = kb.index.outgoing(path).map((one) => one.targets.map(back));
  return result;
}
