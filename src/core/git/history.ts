// Git history of a knowledge base from one streaming `git log` pass: each entry's last change and
// authors, and each person's activity. Later updates read only commits newer than the last one seen.
import { makePerson } from '../people';
import type { Person } from '../model';
import { GitError, type GitRunner } from '../ports';
import { RenameFollower, type FileChanges } from './renameFollower';

export interface CommitRecord {
  hash: string;
  personId: string;
  /** Seconds since the epoch (author date). */
  time: number;
  /**
   * KB-relative paths touched by the commit, as they were named then: work on an entry renamed
   * since (into a folder that is not the knowledge base's, say) still counts as the contribution
   * it was. Files and people name them as they are now.
   */
  files: string[];
}

export interface FileHistory {
  /** Author time of the newest commit that touched the file, in seconds. */
  lastChange: number;
  firstChange: number;
  commits: number;
  /** Person id -> commits touching this file. */
  authors: Map<string, number>;
}

export interface PersonActivity {
  person: Person;
  commits: number;
  firstActive: number;
  lastActive: number;
  /** KB-relative path -> commits by this person touching it. */
  files: Map<string, number>;
}

/** What starts each record of one reading of the log; the fields of its header are separated by NUL. */
export interface Separators {
  record: string;
}

/**
 * A record marker no commit can hold. Git keeps any character but NUL, `<`, `>` and line breaks in
 * names and emails, and any but NUL in file names, so a fixed marker could be written into an
 * author name to fake other people's records; this one carries a random token, new for each
 * reading, that no commit can know in advance. The header's fields are separated by NUL, which
 * no name, email or file name holds.
 */
export function newSeparators(): Separators {
  const token = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { record: `\x1e${token}` };
}

/**
 * Both passes. %aN/%aE apply .mailmap, so one person with several spellings counts once. -z: file
 * names as they are (without it, names with quotes, backslashes or line breaks come C-quoted). No
 * signatures: showing them runs a program the repository's config may name.
 */
export function logArgs({ record }: Separators): string[] {
  return ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', 'log', '--no-show-signature', `--format=${record}%H%x00%aN%x00%aE%x00%at`, '-z'];
}

/**
 * The main pass over `range`. --name-status -M: renames with both names, so an entry's history
 * follows it across them (renameFollower.ts). --full-history: the path limit would otherwise
 * simplify history, and drop the commits of a branch whose changes a merge left out or already
 * had (the same change made on both sides).
 */
export function mainLogArgs(separators: Separators, range: string[]): string[] {
  return [...logArgs(separators), '--name-status', '-M', '--relative', '--full-history', ...range, '--', '.'];
}

export class GitHistory {
  readonly files = new Map<string, FileHistory>();
  readonly people = new Map<string, PersonActivity>();
  /** Oldest first. */
  readonly commits: CommitRecord[] = [];
  /** Newest commit read so far. */
  head?: string;
  /** What besides HEAD decided what the commits so far gave (see readingKey). */
  private reading?: string;
  /** False when the folder is not in a git work tree (or git is missing). */
  available = false;
  shallow = false;
  /**
   * Counts the readings from the first commit on (after a rewrite, a .mailmap change or a
   * deepened clone): what was worked out from an earlier reading no longer holds, even where the
   * commits are the same.
   */
  generation = 0;

  constructor(private readonly git: GitRunner, private readonly kbRoot: string) {}

  /** The update under way, which the next one waits for. */
  private turn: Promise<unknown> = Promise.resolve();

  /**
   * Reads commits not read before. Safe to call after pulls, commits and branch switches, and
   * again before the last call finished: updates take turns, or both would add the same new commits.
   */
  update(): Promise<{ newCommits: number }> {
    const next = this.turn.then(() => this.readNew());
    this.turn = next.catch(() => undefined);
    return next;
  }

  private async readNew(): Promise<{ newCommits: number }> {
    let head: string;
    let top: string;
    let shallowFile: string;
    try {
      // The top of the work tree (where git reads .mailmap), the file listing a shallow clone's
      // boundary, then HEAD's commit.
      const lines = (await this.git.run(['rev-parse', '--show-toplevel', '--git-path', 'shallow', '--verify', '--quiet', 'HEAD^{commit}'], this.kbRoot)).trim().split('\n');
      head = lines.pop()!;
      shallowFile = lines.pop()!;
      top = lines.join('\n');
      this.available = true;
    } catch (error) {
      if (error instanceof GitError) {
        // Not a repository (exit 128), or a repository without commits (rev-parse --verify exits 1).
        this.available = error.exitCode === 1;
        return { newCommits: 0 };
      }
      throw error;
    }
    const { key: reading, shallow } = await this.readingKey(top, shallowFile);
    if (head === this.head && reading === this.reading) return { newCommits: 0 };
    // Commits read under another .mailmap carry names it no longer gives, and a deepened clone
    // holds older commits below those read: all are read again.
    const incremental = !!this.head && reading === this.reading && (await this.isAncestor(this.head, head));
    let fresh = await this.read(incremental ? [`${this.head}..${head}`] : [head]);
    let whole = !incremental;
    // A rename among the new commits renames files in those read before, which only a first read
    // names the way it would have: rare enough (a steward reorganising) to read everything again.
    if (incremental && fresh.some((record) => record.renames.length)) {
      fresh = await this.read([head]);
      whole = true;
    }
    this.shallow = shallow;
    // What was read before is let go only now, with nothing to wait for until the new commits are
    // in: People and the dashboard never see an empty history while git is read, and a read that
    // fails keeps the one they had.
    if (whole) this.clear();
    // Newest first, as git lists them: each file is named as it is now, across its renames.
    const follower = new RenameFollower();
    for (const record of fresh) {
      const named = follower.follow(record);
      if (named.length) this.add(record, named);
    }
    // git log lists newest first; the history keeps oldest first so appending stays cheap.
    for (let i = fresh.length - 1; i >= 0; i--) {
      const { hash, personId, time, files } = fresh[i];
      this.commits.push({ hash, personId, time, files });
    }
    this.head = head;
    this.reading = reading;
    return { newCommits: fresh.length };
  }

  /** The commits of `range`, newest first, with what each merge changed itself as its files. */
  private async read(range: string[]): Promise<ParsedCommit[]> {
    const separators = newSeparators();
    // What merge commits changed themselves (a resolved conflict, a file added in the merge): a
    // second pass, on the other core, while the main one streams (which lists merges without files).
    // A failure there (an old git, say) costs only what merges changed, never the history itself.
    const mergeFiles = this.mergeChanges(range, separators).catch(() => new Map<string, string[]>());
    // Records are parsed as they stream in, so the work overlaps with git's own.
    const fresh: ParsedCommit[] = [];
    let pending = '';
    const onChunk = (chunk: string) => {
      pending += chunk;
      const last = pending.lastIndexOf(separators.record);
      if (last <= 0) return;
      fresh.push(...parseRecords(pending.slice(0, last), separators, true));
      pending = pending.slice(last);
    };
    await this.git.stream(mainLogArgs(separators, range), this.kbRoot, onChunk);
    fresh.push(...parseRecords(pending, separators, true));
    const merged = await mergeFiles;
    // A commit listed without files is a merge: its author counts only if the merge changed
    // something itself, not for bringing in others' work.
    for (const record of fresh) if (!record.files.length) record.files = merged.get(record.hash) ?? record.files;
    return fresh;
  }

  /** By merge commit: the files it changed against every parent (git's dense combined diff). */
  private async mergeChanges(range: string[], separators: Separators): Promise<Map<string, string[]>> {
    const files = new Map<string, string[]>();
    let text = '';
    // No path limit: history simplification by path would make git walk every commit's tree, and
    // --relative already keeps the files to those below the knowledge base. Only merges the main
    // pass lists are used (see update).
    // --cc: the dense combined diff (--diff-merges=dense-combined), in words every git version knows.
    await this.git.stream([...logArgs(separators), '--name-only', '--merges', '--cc', '--no-renames', '--relative', ...range], this.kbRoot, (chunk) => (text += chunk));
    for (const record of parseRecords(text, separators, false)) if (record.files.length) files.set(record.hash, record.files);
    return files;
  }

  /**
   * What decides what reading the log from HEAD gives, besides HEAD: the names %aN and %aE give,
   * from the .mailmap at the top of the work tree (read from the work tree, committed or not) and
   * the mailmap.file and mailmap.blob settings with what they name; and how deep a shallow clone
   * goes (its boundary commits, which a fetch --deepen or --unshallow changes). Files are hashed,
   * not read: no filter or other program runs. `shallow`: whether the clone has such a boundary
   * (git keeps the file only while it does).
   */
  private async readingKey(top: string, shallowFile: string): Promise<{ key: string; shallow: boolean }> {
    const hash = (file: string) => this.git.run(['hash-object', '--no-filters', '--', file], this.kbRoot).then((id) => id.trim(), () => '');
    const [settings, topFile, shallow] = await Promise.all([
      this.git.run(['config', '-z', '--get-regexp', '^mailmap\\.'], this.kbRoot).catch(() => ''),
      hash(`${top}/.mailmap`),
      hash(shallowFile),
    ]);
    const setting = (key: string) => new RegExp(`(?:^|\0)mailmap\\.${key}\n([^\0]*)`, 'i').exec(settings)?.[1];
    const file = setting('file');
    const blob = setting('blob');
    const parts = await Promise.all([
      topFile,
      file ? hash(file) : '',
      blob ? this.git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', blob], this.kbRoot).then((id) => id.trim(), () => '') : '',
    ]);
    return { key: [settings, ...parts, shallow].join('\0'), shallow: shallow !== '' };
  }

  private async isAncestor(older: string, newer: string): Promise<boolean> {
    try {
      await this.git.run(['merge-base', '--is-ancestor', older, newer], this.kbRoot);
      return true;
    } catch {
      return false;
    }
  }

  private clear(): void {
    this.generation++;
    this.files.clear();
    this.people.clear();
    this.commits.length = 0;
  }

  /** Counts one commit into files and people; order does not matter (first and last are min and max). */
  private add(record: ParsedCommit, files: string[]): void {
    let activity = this.people.get(record.personId);
    if (!activity) {
      activity = { person: makePerson(record.name, record.email || undefined), commits: 0, firstActive: record.time, lastActive: record.time, files: new Map() };
      this.people.set(record.personId, activity);
    }
    // A person goes by the name of their newest commit. Which commit is read first depends on
    // whether history came in one pass or a pull at a time, so the name follows the commit's time.
    if (record.time > activity.lastActive) activity.person = makePerson(record.name, record.email || undefined);
    activity.commits++;
    activity.firstActive = Math.min(activity.firstActive, record.time);
    activity.lastActive = Math.max(activity.lastActive, record.time);
    this.addFiles(record, files);
  }

  /** Counts a commit's files, for its author (counted already), into the files' histories. */
  private addFiles(record: ParsedCommit, files: string[]): void {
    const activity = this.people.get(record.personId)!;
    for (const file of files) {
      activity.files.set(file, (activity.files.get(file) ?? 0) + 1);
      let history = this.files.get(file);
      if (!history) {
        history = { lastChange: record.time, firstChange: record.time, commits: 0, authors: new Map() };
        this.files.set(file, history);
      }
      history.commits++;
      history.lastChange = Math.max(history.lastChange, record.time);
      history.firstChange = Math.min(history.firstChange, record.time);
      history.authors.set(record.personId, (history.authors.get(record.personId) ?? 0) + 1);
    }
  }
}

type ParsedCommit = CommitRecord & FileChanges & { name: string; email: string };

/** A commit's hash (SHA-1 or SHA-256) and author time (seconds, before 1970 too), as git prints them. */
const HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const TIME = /^-?\d+$/;

/** `withStatus`: the files come as --name-status lists them (a status, then one name, or two for a rename or copy). */
function parseRecords(text: string, { record }: Separators, withStatus: boolean): ParsedCommit[] {
  const out: ParsedCommit[] = [];
  for (const block of text.split(record)) {
    if (!block) continue;
    // With -z: hash, name, email and time, each ended by NUL; the file names follow a line break,
    // each ending in NUL.
    const parts = block.split('\0');
    // Anything but a whole, well-formed header is not git's own record: it is left out rather than guessed at.
    if (parts.length < 4) continue;
    const [hash, name, email, time] = parts;
    if (!HASH.test(hash) || !TIME.test(time)) continue;
    const files: string[] = [];
    const starts: string[] = [];
    const renames: Array<[string, string]> = [];
    // The list starts after a line break, in the field after the time.
    if (parts.length > 4 && parts[4].charCodeAt(0) === 10) parts[4] = parts[4].slice(1);
    for (let i = 4; i < parts.length; i++) {
      if (!parts[i]) continue;
      if (!withStatus) {
        files.push(parts[i]);
        continue;
      }
      const status = parts[i][0];
      if ((status === 'R' || status === 'C') && i + 2 < parts.length) {
        const [from, to] = [parts[i + 1], parts[i + 2]];
        files.push(to);
        starts.push(to);
        if (status === 'R') renames.push([from, to]);
        i += 2;
      } else if (i + 1 < parts.length) {
        const file = parts[++i];
        files.push(file);
        if (status === 'A') starts.push(file);
      }
    }
    const person = makePerson(name, email || undefined);
    out.push({ hash, personId: person.id, name, email, time: Number(time), files, starts, renames });
  }
  return out;
}
