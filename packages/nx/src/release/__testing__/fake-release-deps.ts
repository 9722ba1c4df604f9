import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fakeClients, fakeUv } from '../../clients/__testing__/fake-clients';
import type { Clients } from '../../clients/clients';
import type { CreateReleaseRequest, GithubRelease } from '../../github/github-client';
import { fakeReleaseGit, newSha } from './fake-git';
import { fakeGithub } from './fake-github';

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

  const git = fakeReleaseGit(world, pkgAbs);

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
    github: fakeGithub(world),
    env: opts.env ?? { GITHUB_TOKEN: 'ghp_fake' },
    log: (line) => world.lines.push(line),
    now: () => new Date('2025-01-02T03:04:05Z'),
  });
  return world;
}
