// Snapshots of the entry index for warm starts. A snapshot is only used when it was written by the
// same snapshot format for the same root and the same commons.yml; each entry in it is then reused
// only if its file's size and modification time are unchanged (the knowledge base re-reads others).
import type { CommonsConfig } from './config';
import type { Entry } from './model';

const FORMAT_VERSION = 3;

interface SnapshotFile {
  version: number;
  root: string;
  configKey: string;
  entries: Entry[];
}

export function configKey(config: CommonsConfig): string {
  return JSON.stringify(config);
}

export function serializeSnapshot(root: string, config: CommonsConfig, entries: Iterable<Entry>): string {
  const file: SnapshotFile = { version: FORMAT_VERSION, root, configKey: configKey(config), entries: [...entries] };
  return JSON.stringify(file);
}

/** Returns the entries to offer for reuse, or undefined when the snapshot does not fit this knowledge base. */
export function restoreSnapshot(text: string, root: string, config: CommonsConfig): Map<string, Entry> | undefined {
  let file: SnapshotFile;
  try {
    file = JSON.parse(text) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (file.version !== FORMAT_VERSION || file.root !== root || file.configKey !== configKey(config) || !Array.isArray(file.entries)) return undefined;
  const entries = new Map<string, Entry>();
  for (const entry of file.entries) entries.set(entry.path, entry);
  return entries;
}
