import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { fakeDeps, REMOTES, seedsWorkspace, writeFiles } from '../shared/__testing__/fakes';
import { pinGenerator } from './generator';

const TAGS = {
  [`${REMOTES}/bench-utils.git`]: ['0.1.2', 'v0.1.3.dev0', 'v0.1.3'],
  [`${REMOTES}/model-qwen2_5-vl.git`]: ['v0.1.2.dev0', 'v0.1.2'],
};

describe('pin generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeFiles(tree, seedsWorkspace());
  });
  const staging = () => tree.read('staging/pyproject.toml', 'utf-8') ?? '';
  const prod = () => tree.read('prod/pyproject.toml', 'utf-8') ?? '';

  it('changes only the tag token of an existing aligned source, then relocks in the callback', async () => {
    const before = staging();
    const deps = fakeDeps({ tags: TAGS });
    const task = await pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: 'v0.1.3' }, deps);
    expect(staging()).toBe(before.replace('tag = "v0.1.3.dev0"', 'tag = "v0.1.3"'));
    expect(deps.gitCalls.map((c) => c.args)).toEqual([['ls-remote', '--tags', '--', `${REMOTES}/bench-utils.git`]]);
    expect(deps.uvCalls).toEqual([]);
    expect(deps.lines).toContain('@mlws/nx: then: uv lock --project staging');
    expect(typeof task).toBe('function');
  });

  it('takes the package by its directory too, like remove and move', async () => {
    const before = staging();
    const deps = fakeDeps({ tags: TAGS });
    await pinGenerator(tree, { name: 'packages/bench-utils', env: 'staging', tag: 'v0.1.3', skipLock: true }, deps);
    expect(staging()).toBe(before.replace('tag = "v0.1.3.dev0"', 'tag = "v0.1.3"'));
  });

  it('adds a new source and the requirement when the environment does not pin the package', async () => {
    const deps = fakeDeps({ tags: TAGS });
    await pinGenerator(tree, { name: 'Model_Qwen2.5-VL', env: 'prod', tag: 'v0.1.2', skipLock: true }, deps);
    expect(prod()).toContain('dependencies = [\n    "bench-utils",\n    "model-qwen2-5-vl",\n]');
    expect(prod()).toContain(
      `\nmodel-qwen2-5-vl = { git = "${REMOTES}/model-qwen2_5-vl.git", tag = "v0.1.2", subdirectory = "." }\n`,
    );
    expect(deps.lines.some((l) => l.includes('then: uv lock'))).toBe(false);
  });

  it('a remote URL with credentials: git uses it, the pin and the output never show them', async () => {
    const secret = 'https://x:ghp_pinS3cret@github.com/mlws/model-qwen2_5-vl.git';
    tree.write(
      '.gitmodules',
      (tree.read('.gitmodules', 'utf-8') ?? '').replace(`${REMOTES}/model-qwen2_5-vl.git`, secret),
    );
    const deps = fakeDeps({ tags: { [secret]: ['v0.1.2'] } });
    await pinGenerator(tree, { name: 'model-qwen2-5-vl', env: 'prod', tag: 'v0.1.2', skipLock: true }, deps);
    expect(deps.gitCalls.map((c) => c.args)).toEqual([['ls-remote', '--tags', '--', secret]]);
    expect(prod()).toContain(
      'model-qwen2-5-vl = { git = "https://github.com/mlws/model-qwen2_5-vl.git", tag = "v0.1.2", subdirectory = "." }',
    );
    expect(prod()).not.toContain('ghp_pinS3cret');
    expect(deps.lines.join('\n')).not.toContain('ghp_pinS3cret');
    await expect(
      pinGenerator(tree, { name: 'model-qwen2-5-vl', env: 'prod', tag: 'v9', skipLock: true }, deps),
    ).rejects.toThrow(/^(?!.*ghp_pinS3cret)/s);
  });

  it.each(['v/.x', 'x.lock/y', 'v@{1', '-d', 'v..1'])(
    'refuses the tag %j by git check-ref-format rules before any git call',
    async (tag) => {
      const deps = fakeDeps({ tags: TAGS });
      await expect(pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag }, deps)).rejects.toThrow(
        'is not a valid tag name',
      );
      expect(deps.gitCalls).toEqual([]);
    },
  );

  it('refuses a tag that is not on the remote, with a hint, and writes nothing', async () => {
    const deps = fakeDeps({ tags: TAGS });
    await expect(pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: '0.1.3.dev0' }, deps)).rejects.toThrow(
      `@mlws/nx: tag 0.1.3.dev0 is not on ${REMOTES}/bench-utils.git — did you mean v0.1.3.dev0? (its latest tags: v0.1.3.dev0, v0.1.3, 0.1.2)`,
    );
    expect(tree.listChanges().filter((c) => c.path.endsWith('pyproject.toml') && c.type === 'UPDATE')).toEqual([]);
  });

  it.each([
    ['staging/pyproject.toml', 'the environment it edits'],
    ['packages/bench-utils/pyproject.toml', 'a member it reads'],
  ])('refuses a %s that is not UTF-8 (%s) in one line and changes no byte', async (file) => {
    const latin1 = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(' au lait\n'),
      tree.read(file) ?? Buffer.alloc(0),
    ]);
    tree.write(file, latin1);
    const deps = fakeDeps({ tags: TAGS });
    const err = (await pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: 'v0.1.3' }, deps).catch(
      (e: Error) => e,
    )) as Error;
    expect(err.message).toMatch(
      new RegExp(
        `^@mlws/nx: ${file.replace(/[./]/g, '\\$&')} is not UTF-8 \\(byte 0xe9 on line 1\\), and uv refuses such a file too: convert it to UTF-8`,
      ),
    );
    expect(err.message).not.toContain('\n');
    expect(tree.read(file)?.equals(latin1)).toBe(true);
    expect(deps.gitCalls).toEqual([]);
  });

  it('reports an unreachable remote in one line', async () => {
    const deps = fakeDeps({ tags: {} });
    const err = await pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: 'v1' }, deps).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toBe(
      `@mlws/nx: cannot list the tags of ${REMOTES}/bench-utils.git (git ls-remote --tags ${REMOTES}/bench-utils.git): fatal: '${REMOTES}/bench-utils.git' does not appear to be a git repository`,
    );
    expect((err as Error).stack).toBe('');
  });

  it('refuses dangerous transports before running git', async () => {
    tree.write(
      '.gitmodules',
      (tree.read('.gitmodules', 'utf-8') ?? '').replace(`${REMOTES}/bench-utils.git`, 'ext::sh -c touch% /tmp/pwned'),
    );
    const deps = fakeDeps({ tags: TAGS });
    await expect(pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: 'v0.1.3' }, deps)).rejects.toThrow(
      /^@mlws\/nx: packages\/bench-utils in \.gitmodules has the URL "ext::sh -c touch% \/tmp\/pwned", which @mlws\/nx refuses: /,
    );
    expect(deps.gitCalls).toEqual([]);
  });

  it.each([
    [{ name: 'bench utils', env: 'staging', tag: 'v1' }, '"bench utils" is not a valid Python distribution name'],
    [{ name: 'bench-utils', env: 'staging', tag: 'v1..2' }, '"v1..2" is not a valid tag name'],
    [{ name: 'bench-utils', env: 'dev', tag: 'v1' }, 'dev is the editable workspace'],
    [
      { name: 'bench-utils', env: 'qa', tag: 'v1' },
      'unknown environment "qa": the environments are staging, prod (add one with nx g @mlws/nx:environment qa)',
    ],
    [
      { name: 'nope', env: 'staging', tag: 'v1' },
      'no package named "nope" in this workspace (packages: bench-utils, model-qwen2-5-vl)',
    ],
  ])('validates %j before anything runs', async (options, message) => {
    const deps = fakeDeps({ tags: TAGS });
    await expect(pinGenerator(tree, options, deps)).rejects.toThrow(message);
    expect(deps.gitCalls).toEqual([]);
  });

  it('does nothing when the tag is already pinned', async () => {
    const deps = fakeDeps({ tags: TAGS });
    const task = await pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: 'v0.1.3.dev0' }, deps);
    expect(task).toBeUndefined();
    expect(deps.lines).toEqual([
      '@mlws/nx: bench-utils is already pinned to v0.1.3.dev0 in staging/pyproject.toml: nothing to do',
    ]);
  });

  it('resolves a relative .gitmodules URL against the root remote', async () => {
    tree.write(
      '.gitmodules',
      (tree.read('.gitmodules', 'utf-8') ?? '').replace(`${REMOTES}/bench-utils.git`, '../bench-utils.git'),
    );
    const deps = fakeDeps({ tags: TAGS, origin: `${REMOTES}/ml.git` });
    await pinGenerator(tree, { name: 'bench-utils', env: 'staging', tag: 'v0.1.3', skipLock: true }, deps);
    // the current branch's remote, else origin, read as configured (git config: no insteadOf rewrite)
    expect(deps.gitCalls.map((c) => c.args.slice(0, 2).join(' '))).toEqual([
      'symbolic-ref --quiet',
      'config --get',
      'ls-remote --tags',
    ]);
    expect(deps.gitCalls[1].args).toEqual(['config', '--get', 'remote.origin.url']);
    expect(staging()).toContain('tag = "v0.1.3"');
  });
});
