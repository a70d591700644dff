// The folders that hold entries: each folder's subfolders, and how many entries it holds with
// everything below it. A folder is forgotten when its last entry goes, so incremental updates and
// full rebuilds end in the same state.
import { posixDirname } from '../paths';
import { MultiMap } from './multiMap';

export class FolderTree {
  private readonly subfolders = new MultiMap<string, string>();
  private readonly sizes = new Map<string, number>();

  /** Counts `count` entries in this folder (an entry's posixDirname) and every folder above it. */
  add(folder: string, count = 1): void {
    for (;;) {
      const size = this.sizes.get(folder);
      this.sizes.set(folder, (size ?? 0) + count);
      if (folder === '') break;
      const parent = posixDirname(folder);
      // A folder already counted is already filed under its parent.
      if (size === undefined) this.subfolders.add(parent, folder);
      folder = parent;
    }
  }

  /** Uncounts one entry from this folder (an entry's posixDirname) and every folder above it. */
  remove(folder: string): void {
    for (;;) {
      const size = (this.sizes.get(folder) ?? 0) - 1;
      const parent = posixDirname(folder);
      if (size > 0) this.sizes.set(folder, size);
      else {
        this.sizes.delete(folder);
        if (folder !== '') this.subfolders.delete(parent, folder);
      }
      if (folder === '') break;
      folder = parent;
    }
  }

  subfoldersOf(folder: string): ReadonlySet<string> {
    return this.subfolders.get(folder);
  }

  /** Number of entries in a folder and all folders below it. */
  size(folder: string): number {
    return this.sizes.get(folder) ?? 0;
  }

  /** A canonical, sorted dump, for comparing two trees. */
  dump(): { subfolders: unknown; folderSizes: unknown } {
    return { subfolders: this.subfolders.dump((folder) => folder), folderSizes: [...this.sizes.entries()].sort() };
  }
}
