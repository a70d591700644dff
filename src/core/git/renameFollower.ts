// Names each commit's files by the names they have in the newest commit read, so that an entry's
// history goes back across its renames, as `git log --follow` traces one file: the authors of a
// page a steward moved into a folder stay its authors, and it was written when it was first
// written, not when it was moved.

/** What one commit did to its files, as `git log --name-status -M` lists them. */
export interface FileChanges {
  /** Every file the commit touched, by the name it has after the commit. */
  files: string[];
  /** Files that begin with this commit (added, copied, or renamed here from another name). */
  starts: string[];
  /** Renames, from the old name to the new. */
  renames: Array<[from: string, to: string]>;
}

/** Given commits newest first, it names their files by their newest names. */
export class RenameFollower {
  /** A name in older commits -> the name the same file has in the newest commit given. */
  private readonly newer = new Map<string, string>();

  /** The commit's files by their newest names; its renames then apply to the older commits given after it. */
  follow(commit: FileChanges): string[] {
    if (!this.newer.size && !commit.renames.length) return commit.files;
    const named = [...new Set(commit.files.map((file) => this.newer.get(file) ?? file))];
    // Worked out before anything changes, so a swap (a -> b, b -> a) in one commit comes out right.
    const targets = commit.renames.map(([, to]) => this.newer.get(to) ?? to);
    // Older commits that touched a name a file begins at here touched another file, gone before.
    for (const file of commit.starts) this.newer.delete(file);
    commit.renames.forEach(([from], i) => this.newer.set(from, targets[i]));
    return named;
  }
}
