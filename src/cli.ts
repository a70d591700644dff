// The `commons` command line: argument parsing and output only; the work happens in the core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from './cli/changedFiles';
import { BrokenConfigError, check, newEntry, stats, tagsList, tagsRename, type Io } from './cli/commands';
import { report } from './cli/report';
import { initCi, installHook } from './cli/setup';
import type { FindingFormat } from './cli/output';

const USAGE = `Usage:
  commons check [dir] [--format text|json|github] [--changed-since REF | --staged]
  commons stats [dir] [--json]
  commons tags list [dir]
  commons tags rename OLD NEW [dir]
  commons tags merge FROM INTO [dir]
  commons new TYPE "Title" [--tags a,b] [dir]
  commons report [dir] [--out FILE]
  commons init --ci [dir]        write a GitHub Actions workflow that checks pull requests
  commons hook install [dir]     check staged entries in a git pre-commit hook
  commons --version

Exit codes: 0 clean, 1 errors found (or files left unedited), 2 usage or configuration error.`;

/** How many words each command takes after its name (a subcommand, names, a folder), at most. */
const MOST_ARGUMENTS: Record<string, number> = { check: 1, stats: 1, tags: 4, new: 3, init: 1, hook: 2, report: 1 };

/** This package's version, from the package.json above this module (dist/ in the package, out/src/ in tests). */
function version(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'commons' && manifest.version) return manifest.version;
    } catch {
      // No package.json here: look one folder up.
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'changed-since': { type: 'string' },
      json: { type: 'boolean' },
      tags: { type: 'string' },
      out: { type: 'string' },
      ci: { type: 'boolean' },
      staged: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.version) {
    io.out(version());
    return 0;
  }
  const most = Object.hasOwn(MOST_ARGUMENTS, command) ? (command === 'tags' && rest[0] === 'list' ? 2 : MOST_ARGUMENTS[command]) : rest.length;
  const extra = rest.slice(most);
  if (extra.length) throw new UsageError(`unexpected argument${extra.length === 1 ? '' : 's'} for ${command}: ${extra.join(' ')}`);
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case 'check': {
      const format = (values.format ?? 'text') as FindingFormat;
      if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`--format must be text, json or github`);
      if (values.staged && values['changed-since'] !== undefined) throw new UsageError('use either --staged or --changed-since');
      if (values['changed-since'] === '') throw new UsageError('--changed-since needs a git revision, e.g. origin/main');
      return check(rest[0], format, values['changed-since'], io, !!values.staged);
    }
    case 'stats':
      return stats(rest[0], !!values.json, io);
    case 'tags': {
      const [action, ...args] = rest;
      if (action === 'list') return tagsList(args[0], io);
      if ((action === 'rename' || action === 'merge') && args.length >= 2) return tagsRename(args[2], args[0], args[1], io, action);
      throw new UsageError('tags needs: list, rename OLD NEW, or merge FROM INTO');
    }
    case 'new': {
      const [type, title, dir] = rest;
      if (!type || title === undefined) throw new UsageError('new needs a TYPE and a "Title"');
      const tags = (values.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
      return newEntry(dir, type, title, tags, io);
    }
    case 'init':
      if (!values.ci) throw new UsageError('init needs --ci (the editor command "Commons: Set Up a Knowledge Base Here" creates commons.yml)');
      return initCi(rest[0], io);
    case 'hook':
      if (rest[0] !== 'install') throw new UsageError('hook needs: install');
      return installHook(rest[1], io);
    case 'report':
      return report(rest[0], values.out, io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

if (require.main === module) {
  // `commons tags list | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io: Io = { out: (text) => process.stdout.write(text + '\n'), err: (text) => process.stderr.write(text + '\n') };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      io.err(`commons: ${error.message}${usage ? '\n\n' + USAGE : ''}`);
      process.exitCode = usage || error instanceof BrokenConfigError ? 2 : 1;
    },
  );
}
