import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { GitClient } from '../../git/git-client';
import type { RunResult } from '../../process/run-process';
import type { FakeRepo, FakeWorld } from './fake-release-deps';

let shaCounter = 0;
export const newSha = () => (++shaCounter).toString(16).padStart(40, 'a').slice(-40);

/**
 * git over the world's two in-memory repositories (the root and the package at `pkgAbs`): answers
 * the commands a release runs, reads and writes the real files, records every call in `gitCalls`.
 */
export function fakeReleaseGit(
  world: Pick<FakeWorld, 'root' | 'pkg' | 'rootRepo' | 'gitCalls'>,
  pkgAbs: string,
): GitClient {
  const { root, pkg, rootRepo } = world;
  const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '' });
  const err = (exitCode: number, stderr: string): RunResult => ({ exitCode, stdout: '', stderr });
  const head = (r: FakeRepo) => r.commits[r.commits.length - 1];

  const answer = (which: 'root' | 'package', args: string[], input?: string): RunResult => {
    const r = which === 'root' ? rootRepo : pkg;
    const cwd = which === 'root' ? root : pkgAbs;
    const [cmd, ...rest] = args;
    const joined = rest.join(' ');
    switch (cmd) {
      case 'rev-parse':
        if (rest[0] === '--show-toplevel') return ok(`${cwd}\n`);
        if (rest[0] === 'HEAD') return ok(`${head(r)}\n`);
        if (rest[0] === '--verify') {
          const tag = /^refs\/tags\/(.+)\^\{commit\}$/.exec(rest[2])?.[1];
          return tag && r.tags[tag] ? ok(`${r.tags[tag]}\n`) : err(1, '');
        }
        break;
      case 'symbolic-ref':
        return r.branch ? ok(`${r.branch}\n`) : err(128, 'fatal: ref HEAD is not a symbolic ref');
      case 'status': {
        const paths = rest.includes('--') ? rest.slice(rest.indexOf('--') + 1) : undefined;
        const lines = r.dirty.filter((f) => !paths || paths.includes(f)).map((f) => ` M ${f}`);
        return ok(lines.map((l) => `${l}\n`).join(''));
      }
      case 'config': {
        const key = rest[1];
        if (key.endsWith('.remote') && r.upstream) return ok(`${r.upstream.remote}\n`);
        if (key.endsWith('.merge') && r.upstream) return ok(`${r.upstream.merge}\n`);
        if (/^remote\..+\.url$/.test(key) && r.remoteUrl) return ok(`${r.remoteUrl}\n`);
        return err(1, '');
      }
      case 'ls-remote':
        if (rest[0] === '--tags')
          return ok(
            Object.entries(r.remote.tags)
              .map(([t, s]) => `${s}\trefs/tags/${t}\n`)
              .join(''),
          );
        return ok(r.remote.head ? `${r.remote.head}\t${rest[1]}\n` : '');
      case 'merge-base': {
        const [, a, b] = rest;
        const ia = r.commits.indexOf(a);
        if (ia < 0) return err(128, `fatal: Not a valid commit name ${a}`);
        return ia <= r.commits.indexOf(b) ? ok() : err(1, '');
      }
      case 'tag':
        if (rest[0] === '--list')
          return ok(
            Object.keys(r.tags)
              .map((t) => `${t}\n`)
              .join(''),
          );
        if (rest[0] === '--annotate') {
          const at = rest.indexOf('--') >= 0 ? rest.indexOf('--') + 1 : 3;
          const tag = rest[at];
          const target = rest[at + 1] === 'HEAD' ? head(r) : rest[at + 1];
          if (r.tags[tag]) return err(128, `fatal: tag '${tag}' already exists`);
          r.tags[tag] = target;
          return ok();
        }
        break;
      case 'log': {
        const range = rest[1];
        const from = range.includes('..') ? r.tags[range.split('..')[0]] : undefined;
        const start = from ? r.commits.indexOf(from) + 1 : 0;
        return ok(
          r.commits
            .slice(start)
            .reverse()
            .map((c) => `${c}\x1f${r.subjects[c]}\x1e\n`)
            .join(''),
        );
      }
      case 'hash-object':
        return ok('4b825dc642cb6eb9a060e54bf8d69288fbee4904\n');
      case 'diff':
        if (rest[0] === '--cached') return ok(r.staged.map((f) => `${f}\n`).join(''));
        return ok(`diff --git a/src/x.py b/src/x.py\n+def timer(): ...\n`);
      case 'show': {
        const [sha] = rest[0].split(':');
        return r.pyprojectAt[sha] !== undefined ? ok(r.pyprojectAt[sha]) : err(128, 'fatal: invalid object');
      }
      case 'commit': {
        const sha = newSha();
        const msgFile = join(cwd, rest[rest.indexOf('--file') + 1]);
        r.subjects[sha] = readFileSync(msgFile, 'utf8').split('\n')[0];
        if (which === 'package') {
          r.pyprojectAt[sha] = readFileSync(join(pkgAbs, 'pyproject.toml'), 'utf8');
          if (r.pyprojectAt[sha] === r.pyprojectAt[head(r)]) return err(1, 'nothing to commit, working tree clean');
        } else {
          if (r.staged.length === 0) return err(1, 'nothing to commit');
          r.staged = [];
        }
        r.commits.push(sha);
        return ok();
      }
      case 'push': {
        if (r.remote.reject)
          return err(
            1,
            `remote: ${r.remote.reject}\nTo ${r.remoteUrl}\n ! [remote rejected] main -> main (pre-receive hook declined)\nerror: failed to push some refs to '${r.remoteUrl}'`,
          );
        for (const ref of rest.slice(rest.indexOf(r.upstream?.remote ?? 'origin') + 1)) {
          if (ref.startsWith('refs/tags/')) {
            const t = ref.slice('refs/tags/'.length);
            r.remote.tags[t] = r.tags[t];
          } else r.remote.head = head(r);
        }
        return ok();
      }
      case 'update-index': {
        const [, , path] = rest[1].split(',');
        r.gitlinks[path] = rest[1].split(',')[1];
        if (!r.staged.includes(path)) r.staged.push(path);
        return ok();
      }
      case 'add':
        for (const f of rest.slice(rest.indexOf('--') + 1)) if (!r.staged.includes(f)) r.staged.push(f);
        return ok();
    }
    throw new Error(
      `fake git: unexpected command in ${which}: git ${joined ? args.join(' ') : cmd}${input ? ' (with input)' : ''}`,
    );
  };

  const git: GitClient = {
    run: async (args, options) => {
      const which = relative(root, options.cwd) === '' ? 'root' : 'package';
      world.gitCalls.push({ repo: which, args: [...args] });
      return answer(which, [...args], options?.input);
    },
    must: async (args, options) => {
      const r = await git.run(args, options);
      if (r.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    },
  };
  return git;
}
