// Runs git without a shell. Settings that could make git run programs from a repository's own
// config (fsmonitor, external diff, text conversion, pagers) are switched off on every call,
// because reading a knowledge base must never run code from it.
import { spawn } from 'node:child_process';
import { GitError, type GitRunner } from '../core/ports';

const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.pager=cat', '-c', 'diff.external='];

export class NodeGitRunner implements GitRunner {
  constructor(private readonly gitPath = 'git') {}

  stream(args: string[], cwd: string, onChunk: (chunk: string) => void, env: Record<string, string> = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.gitPath, [...SAFE_CONFIG, ...args], {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', onChunk);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => (stderr += text));
      child.on('error', (error) => reject(new GitError(`git could not be started: ${error.message}`, -1, '')));
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new GitError(stderr.trim().split('\n')[0] || `git exited with ${code}`, code ?? -1, stderr));
      });
    });
  }

  async run(args: string[], cwd: string, env?: Record<string, string>): Promise<string> {
    let out = '';
    await this.stream(args, cwd, (chunk) => (out += chunk), env);
    return out;
  }
}
