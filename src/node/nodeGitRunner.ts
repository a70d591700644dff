// Runs git without a shell. Settings that could make git run programs from a repository's own
// config (fsmonitor, external diff, text conversion, pagers) are switched off on every call,
// because reading a knowledge base must never run code from it.
import { spawn } from 'node:child_process';
import { GitError, type GitRunner } from '../core/ports';

const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.pager=cat', '-c', 'diff.external=', '-c', 'log.showSignature=false'];

export class NodeGitRunner implements GitRunner {
  constructor(private readonly gitPath = 'git') {}

  stream(args: string[], cwd: string, onChunk: (chunk: string) => void, env: Record<string, string> = {}): Promise<void> {
    return this.spawnGit(args, cwd, env, 'utf8', (chunk) => onChunk(chunk as string));
  }

  async run(args: string[], cwd: string, env?: Record<string, string>): Promise<string> {
    let out = '';
    try {
      await this.stream(args, cwd, (chunk) => (out += chunk), env);
    } catch (error) {
      // Some commands give their reasons on standard output (`push --porcelain` names each rejected ref there).
      if (error instanceof GitError) throw new GitError(error.message, error.exitCode, error.stderr, out);
      throw error;
    }
    return out;
  }

  /** Standard output as bytes, for file contents that must not be decoded on the way (a blob). */
  async runBytes(args: string[], cwd: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.spawnGit(args, cwd, {}, undefined, (chunk) => chunks.push(chunk as Buffer));
    return Buffer.concat(chunks);
  }

  private spawnGit(args: string[], cwd: string, env: Record<string, string>, encoding: BufferEncoding | undefined, onChunk: (chunk: string | Buffer) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.gitPath, [...SAFE_CONFIG, ...args], {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      if (encoding) child.stdout.setEncoding(encoding);
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
}
