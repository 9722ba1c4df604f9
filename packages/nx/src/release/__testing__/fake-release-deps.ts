import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { GitClient } from '../../git/git-client';
import type { CreateReleaseRequest, GithubRelease, GithubReleasesClient } from '../../github/github-client';
import { GithubApiError } from '../../github/github-client';
import type { RunResult } from '../../process/run-process';
import type { Clients } from '../../clients/clients';
import { fakeClients, fakeUv } from '../../clients/__testing__/fake-clients';

/**
 * A fake git for release tests: a small in-memory model of two repositories (the root and one
 * package) that answers the commands the release runs, reads and writes the real files of a temp
 * workspace, and records every call. Plus fake uv and GitHub clients.
 */
export interface FakeRepo {
  branch?: string;
  /** Commit shas, oldest first; HEAD is the last. */
  commits: string[];
  /** pyproject.toml text at each commit (package repo). */
  pyprojectAt: Record<string, string>;
  subjects: Record<string, string>;
  tags: Record<string, string>;
  dirty: string[];
  staged: string[];
  upstream?: { remote: string; merge: string };
  remoteUrl?: string;
  remote: { head?: string; tags: Record<string, string>; reject?: string };
  /** Gitlinks staged with update-index (root). */
  gitlinks: Record<string, string>;
}

export interface GitCall {
  repo: 'root' | 'package';
  args: string[];
}

export interface FakeWorld {
  root: string;
  pkgRoot: string;
  deps: Clients;
  pkg: FakeRepo;
  rootRepo: FakeRepo;
  gitCalls: GitCall[];
  uvCalls: string[][];
  githubCalls: Array<{ method: string; tag: string; body?: CreateReleaseRequest; token: string; apiUrl: string }>;
  lines: string[];
  /** Make uv lock fail with this stderr (once, or until cleared). */
  uvFailure?: string;
  /** Status of the next GitHub POST (e.g. 401). */
  githubFailure?: number;
  releases: Record<string, GithubRelease>;
  writes: () => string[];
  read: (rel: string) => string;
}

let shaCounter = 0;
const newSha = () => (++shaCounter).toString(16).padStart(40, 'a').slice(-40);

export function fakeWorld(
  files: Record<string, string>,
  opts: { packageRoot?: string; env?: NodeJS.ProcessEnv } = {},
): FakeWorld {
  const root = mkdtempSync(join(tmpdir(), 'mlws-release-'));
  const packageRoot = opts.packageRoot ?? 'packages/bench-utils';
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
  const pkgAbs = join(root, packageRoot);
  writeFileSync(join(pkgAbs, '.git'), 'gitdir: ../../.git/modules/bench-utils\n');
  const first = newSha();
  const second = newSha();
  const pyproject = readFileSync(join(pkgAbs, 'pyproject.toml'), 'utf8');
  const pkg: FakeRepo = {
    branch: 'main',
    commits: [first, second],
    pyprojectAt: { [first]: pyproject.replace(/^version = ".*"$/m, 'version = "0.1.2"'), [second]: pyproject },
    subjects: { [first]: 'bench-utils 0.1.2', [second]: 'Open the 0.1.3 dev cycle: add timer()' },
    tags: { '0.1.2': first, 'v0.1.3.dev0': second },
    dirty: [],
    staged: [],
    upstream: { remote: 'origin', merge: 'refs/heads/main' },
    remoteUrl: 'https://github.com/mlws/bench-utils.git',
    remote: { head: second, tags: { '0.1.2': first, 'v0.1.3.dev0': second } },
    gitlinks: {},
  };
  const rootHead = newSha();
  const rootRepo: FakeRepo = {
    branch: 'main',
    commits: [rootHead],
    pyprojectAt: {},
    subjects: { [rootHead]: 'root' },
    tags: {},
    dirty: [],
    staged: [],
    upstream: { remote: 'origin', merge: 'refs/heads/main' },
    remoteUrl: 'https://github.com/mlws/ml-playground.git',
    remote: { head: rootHead, tags: {} },
    gitlinks: { [packageRoot]: second },
  };
  const written = new Set<string>();
  const world: FakeWorld = {
    root,
    pkgRoot: packageRoot,
    pkg,
    rootRepo,
    gitCalls: [],
    uvCalls: [],
    githubCalls: [],
    lines: [],
    releases: {},
    writes: () => [...written].sort(),
    read: (rel) => readFileSync(join(root, rel), 'utf8'),
    deps: undefined as unknown as Clients,
  };

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

  const github = (o: { apiUrl: string; token: string }): GithubReleasesClient => ({
    apiUrl: o.apiUrl,
    async getReleaseByTag(_repo, tag) {
      world.githubCalls.push({ method: 'GET', tag, token: o.token, apiUrl: o.apiUrl });
      return world.releases[tag];
    },
    async createRelease(repository, body) {
      world.githubCalls.push({ method: 'POST', tag: body.tag_name, body, token: o.token, apiUrl: o.apiUrl });
      if (world.githubFailure) {
        const status = world.githubFailure;
        world.githubFailure = undefined;
        throw new GithubApiError(
          `GitHub rejected the token from GITHUB_TOKEN (${status} Bad credentials) for creating the release ${body.tag_name}: set GITHUB_TOKEN or GH_TOKEN to a valid token with contents: write on ${repository.owner}/${repository.repo}`,
          status,
        );
      }
      const release: GithubRelease = {
        id: 1,
        tag_name: body.tag_name,
        name: body.name,
        body: body.body,
        prerelease: body.prerelease,
        draft: false,
        html_url: `https://github.com/${repository.owner}/${repository.repo}/releases/tag/${body.tag_name}`,
      };
      world.releases[body.tag_name] = release;
      return release;
    },
  });

  world.deps = fakeClients({
    git,
    uv: fakeUv([], ({ args }) => {
      world.uvCalls.push([...args]);
      if (world.uvFailure) return { exitCode: 1, stderr: world.uvFailure };
      const i = args.indexOf('--project');
      const lock = i >= 0 ? `${args[i + 1]}/uv.lock` : 'uv.lock';
      writeFileSync(
        join(root, lock),
        `# locked ${Date.now()}\n${readFileSync(join(root, i >= 0 ? `${args[i + 1]}/pyproject.toml` : 'pyproject.toml'), 'utf8')}`,
      );
      written.add(lock);
      return undefined;
    }),
    github,
    env: opts.env ?? { GITHUB_TOKEN: 'ghp_fake' },
    log: (line) => world.lines.push(line),
    now: () => new Date('2025-01-02T03:04:05Z'),
  });
  return world;
}
