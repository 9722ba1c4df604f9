import type { GitClient } from '../../../git/git-client';

/** git of a directory that is not a repository: nothing tracked, nothing ignored, no tags. */
export const noRepo: GitClient = {
  run: async () => ({ exitCode: 128, stdout: '', stderr: 'fatal: not a git repository' }),
  must: async () => '',
};
export const quiet = { log: () => undefined, git: noRepo };

/** A fake git: `check-ignore` answers `hidden` (path → rule), `ls-files -i -x <p>` answers `tracked[p]`, `tag --list` answers `tags[dir]`. */
export function fakeRepo(opts: {
  hidden?: Record<string, string>;
  tracked?: Record<string, string[]>;
  tags?: Record<string, string[]>;
}): GitClient {
  return {
    run: async (args, options) => {
      const cwd = options.cwd;
      if (args[0] === 'check-ignore') {
        const paths = (options?.input ?? '').split('\0').filter(Boolean);
        const out = paths
          .filter((p) => opts.hidden?.[p])
          .map((p) => `${opts.hidden?.[p]}\0${p}\0`)
          .join('');
        return { exitCode: out ? 0 : 1, stdout: out, stderr: '' };
      }
      if (args[0] === 'ls-files') {
        const pattern = args.find((a) => a.startsWith('--exclude='))?.slice('--exclude='.length) ?? '';
        return { exitCode: 0, stdout: (opts.tracked?.[pattern] ?? []).map((f) => `${f}\0`).join(''), stderr: '' };
      }
      if (args[0] === 'tag') {
        const dir = Object.keys(opts.tags ?? {}).find((d) => cwd.endsWith(`/${d}`));
        return { exitCode: 0, stdout: (dir ? (opts.tags?.[dir] ?? []) : []).join('\n'), stderr: '' };
      }
      return { exitCode: 128, stdout: '', stderr: '' };
    },
    must: async () => '',
  };
}
