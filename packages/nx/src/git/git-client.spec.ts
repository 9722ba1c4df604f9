import type { RunProcess } from '../process/run-process';
import { createGitClient, GitError, isLocalGitUrl, parseLsRemoteTags } from './git-client';

describe('git client', () => {
  it('passes protocol.file.allow only when asked, as an argument array', async () => {
    const calls: string[][] = [];
    const run: RunProcess = async (file, args) => {
      calls.push([file, ...args]);
      return { exitCode: 0, stdout: 'ok', stderr: '' };
    };
    const git = createGitClient(run);
    await git.must(['submodule', 'add', 'file:///srv/x.git', 'packages/x'], { cwd: '/r', allowFileProtocol: true });
    await git.must(['status'], { cwd: '/r' });
    expect(calls).toEqual([
      ['git', '-c', 'protocol.file.allow=always', 'submodule', 'add', 'file:///srv/x.git', 'packages/x'],
      ['git', 'status'],
    ]);
  });

  it('turns a failure into a one-line GitError', async () => {
    const git = createGitClient(async () => ({
      exitCode: 128,
      stdout: '',
      stderr: "fatal: repository 'x' does not exist\nmore",
    }));
    await expect(git.must(['ls-remote', 'x'], { cwd: '/r' })).rejects.toThrow(
      new GitError('git ls-remote x', { exitCode: 128, stdout: '', stderr: '' }).command,
    );
    await expect(git.must(['ls-remote', 'x'], { cwd: '/r' })).rejects.toThrow(
      "git ls-remote x failed (exit 128): fatal: repository 'x' does not exist",
    );
  });

  it('reads tags from ls-remote', () => {
    const out = 'a1\trefs/tags/0.1.2\nb2\trefs/tags/v0.1.3.dev0\nc3\trefs/tags/v0.1.3.dev0^{}\nd4\trefs/heads/main\n';
    expect(parseLsRemoteTags(out)).toEqual(['0.1.2', 'v0.1.3.dev0']);
  });

  it('knows local URLs', () => {
    expect(isLocalGitUrl('file:///srv/x.git')).toBe(true);
    expect(isLocalGitUrl('/srv/x.git')).toBe(true);
    expect(isLocalGitUrl('https://github.com/o/x.git')).toBe(false);
  });
});
