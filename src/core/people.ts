// People named in front matter ("Ana Lima <ana@example.com>", "ana@example.com", "Ana Lima") and git.
import type { Person } from './model';

const NAME_AND_EMAIL = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

export function parsePerson(text: string): Person {
  const both = NAME_AND_EMAIL.exec(text);
  if (both) return makePerson(both[1] || both[2], both[2]);
  const trimmed = text.trim();
  if (EMAIL.test(trimmed)) return makePerson(trimmed.split('@')[0], trimmed);
  return makePerson(trimmed, undefined);
}

export function makePerson(name: string, email: string | undefined): Person {
  const cleanEmail = email?.trim().toLowerCase() || undefined;
  return { id: personId(name, cleanEmail), name: name.trim(), email: cleanEmail };
}

/** One identity per email; without an email, names compare case- and accent-insensitively. */
export function personId(name: string, email: string | undefined): string {
  if (email) return email.trim().toLowerCase();
  return 'name:' + name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/\s+/g, ' ');
}
