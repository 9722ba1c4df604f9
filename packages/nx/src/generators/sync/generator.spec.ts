import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { REMOTES, seedsWorkspace, writeFiles } from '../shared/__testing__/fakes';
import { syncGenerator } from './generator';

describe('sync generator', () => {
  describe('ignore = none', () => {
    let tree: Tree;
    beforeEach(() => {
      tree = createTreeWithEmptyWorkspace();
      tree.write(
        'pyproject.toml',
        '[project]\nname = "ws"\n[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/docs"]\n',
      );
      tree.write(
        '.gitmodules',
        '[submodule "packages/a"]\n\tpath = packages/a\n\turl = ../a.git\n[submodule "packages/docs"]\n\tpath = packages/docs\n\turl = ../docs.git\n',
      );
    });

    it('declares member submodules ignore = none and reports what was out of sync', async () => {
      const r = await syncGenerator(tree);
      expect(r.outOfSyncMessage).toBe(
        '.gitmodules: packages/a need "ignore = none" so nx affected sees untracked files inside them (nx sync writes it)',
      );
      expect(tree.read('.gitmodules', 'utf-8')).toBe(
        '[submodule "packages/a"]\n\tpath = packages/a\n\turl = ../a.git\n\tignore = none\n[submodule "packages/docs"]\n\tpath = packages/docs\n\turl = ../docs.git\n',
      );
      expect(await syncGenerator(tree)).toEqual({});
    });

    it('under nx g (options given): writes the fix, logs what it fixed, returns no task', async () => {
      const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
      expect(await syncGenerator(tree, {})).toBeUndefined();
      expect(tree.read('.gitmodules', 'utf-8')).toContain('\tignore = none\n');
      expect(info).toHaveBeenCalledWith(
        '.gitmodules: packages/a need "ignore = none" so nx affected sees untracked files inside them (nx sync writes it)',
      );
      info.mockRestore();
    });

    it('does nothing without submodules', async () => {
      tree.delete('.gitmodules');
      expect(await syncGenerator(tree)).toEqual({});
    });
  });

  describe('root members and environment URLs', () => {
    let tree: Tree;
    let files: Record<string, string>;
    beforeEach(() => {
      tree = createTreeWithEmptyWorkspace();
      files = seedsWorkspace();
      files['.gitmodules'] = files['.gitmodules'].replace(/(\turl = .*\n)/g, '$1\tignore = none\n');
      writeFiles(tree, files);
    });

    it('is quiet on a consistent workspace (URLs spelled differently are the same repository)', async () => {
      expect(await syncGenerator(tree)).toEqual({});
    });

    it('adds a member missing from the root dependencies and sources, one line per problem', async () => {
      tree.write('packages/model-llava/pyproject.toml', '[project]\nname = "Model_LLaVA"\nversion = "0.1.0"\n');
      const r = await syncGenerator(tree);
      expect(r).toEqual({
        outOfSyncMessage: '2 problems in the uv workspace files (nx sync fixes them):',
        outOfSyncDetails: [
          'pyproject.toml: [project].dependencies lacks model-llava (the workspace member packages/model-llava)',
          'pyproject.toml: [tool.uv.sources] lacks model-llava = { workspace = true } (the workspace member packages/model-llava)',
        ],
      });
      const root = tree.read('pyproject.toml', 'utf-8') ?? '';
      expect(root).toContain('    "model-qwen2-5-vl",  # lives in packages/model_qwen2.5-vl\n    "model-llava",\n]');
      // the editor aligns to its neighbour's padding; the last key is the longest, so none here
      expect(root).toContain('model-qwen2-5-vl = { workspace = true }\nmodel-llava = { workspace = true }\n');
      expect(await syncGenerator(tree)).toEqual({});
    });

    it('points environment sources at the new submodule URL, changing only that token', async () => {
      tree.write(
        '.gitmodules',
        files['.gitmodules'].replace(`${REMOTES}/bench-utils.git`, 'https://github.com/org/bench-utils.git'),
      );
      const r = await syncGenerator(tree);
      expect(r.outOfSyncDetails).toEqual([
        `staging/pyproject.toml: bench-utils pins ${REMOTES}/bench-utils, but .gitmodules has https://github.com/org/bench-utils.git for packages/bench-utils`,
        `prod/pyproject.toml: bench-utils pins ${REMOTES}/bench-utils/, but .gitmodules has https://github.com/org/bench-utils.git for packages/bench-utils`,
      ]);
      expect(tree.read('prod/pyproject.toml', 'utf-8')).toBe(
        files['prod/pyproject.toml'].replace(`"${REMOTES}/bench-utils/"`, '"https://github.com/org/bench-utils.git"'),
      );
      expect(await syncGenerator(tree)).toEqual({});
    });

    it('writes a plain-path .gitmodules URL into environments as file:// (uv rejects plain paths), and repairs a plain-path pin', async () => {
      tree.write('.gitmodules', files['.gitmodules'].replace(`${REMOTES}/bench-utils.git`, '/srv/git/bench-utils.git'));
      const r = await syncGenerator(tree);
      expect(r.outOfSyncDetails?.[0]).toBe(
        `staging/pyproject.toml: bench-utils pins ${REMOTES}/bench-utils, but .gitmodules has /srv/git/bench-utils.git for packages/bench-utils (written as file:///srv/git/bench-utils.git, the spelling uv reads)`,
      );
      expect(tree.read('staging/pyproject.toml', 'utf-8')).toContain('"file:///srv/git/bench-utils.git"');
      expect(tree.read('staging/pyproject.toml', 'utf-8')).not.toContain('"/srv/git/');
      expect(await syncGenerator(tree)).toEqual({});
      tree.write(
        'staging/pyproject.toml',
        (tree.read('staging/pyproject.toml', 'utf-8') ?? '').replace(
          '"file:///srv/git/bench-utils.git"',
          '"/srv/git/bench-utils.git"',
        ),
      );
      expect((await syncGenerator(tree)).outOfSyncMessage).toBe(
        'staging/pyproject.toml: bench-utils pins /srv/git/bench-utils.git, which uv cannot read as a git URL ("relative URL without a base"); the URL uv reads is file:///srv/git/bench-utils.git (nx sync writes it)',
      );
    });

    it('repairs an scp-like pin in its own spelling (ssh://), not the .gitmodules one', async () => {
      const staging = tree.read('staging/pyproject.toml', 'utf-8') ?? '';
      const pin = /bench-utils\s*= \{ git = "([^"]+)"/.exec(staging)?.[1] ?? '';
      tree.write(
        '.gitmodules',
        files['.gitmodules'].replace(`${REMOTES}/bench-utils.git`, 'https://example.com/org/bench-utils.git'),
      );
      tree.write('staging/pyproject.toml', staging.replace(pin, 'git@example.com:org/bench-utils.git'));
      await syncGenerator(tree);
      expect(tree.read('staging/pyproject.toml', 'utf-8')).toContain('"ssh://git@example.com/org/bench-utils.git"');
    });

    it('fails with one line per problem it cannot fix', async () => {
      tree.write('pyproject.toml', `${files['pyproject.toml']}ghost = { workspace = true }\n`);
      await expect(syncGenerator(tree)).rejects.toThrow(
        '@mlws/nx: pyproject.toml: [tool.uv.sources] maps ghost to { workspace = true }, but no workspace member is named ghost: remove it, or add the package (nx g @mlws/nx:package ghost) (nx sync cannot fix this)',
      );
    });

    it('reports a path source that points nowhere (it cannot fix it), naming the directory that holds the package', async () => {
      tree.write('tools/release_tool/pyproject.toml', '[project]\nname = "release-tool"\n');
      tree.write(
        '.gitmodules',
        `${tree.read('.gitmodules', 'utf-8')}[submodule "tools/release_tool"]\n\tpath = tools/release_tool\n\turl = ${REMOTES}/release-tool.git\n`,
      );
      tree.write('pyproject.toml', `${files['pyproject.toml']}release-tool = { path = "release_tool" }\n`);
      await expect(syncGenerator(tree)).rejects.toThrow(
        '@mlws/nx: pyproject.toml: [tool.uv.sources] release-tool = { path = "release_tool" } points at release_tool, which does not exist; tools/release_tool holds release-tool: write path = "tools/release_tool" in pyproject.toml, then lock again (nx sync cannot fix this)',
      );
    });

    it('counts an uninitialised member submodule by its directory', async () => {
      tree.delete('packages/bench-utils/pyproject.toml');
      expect(await syncGenerator(tree)).toEqual({});
    });

    it('fails on a refused .gitmodules URL that no environment pins (never "up to date")', async () => {
      tree.write(
        '.gitmodules',
        `${files['.gitmodules']}[submodule "tools/x"]\n\tpath = tools/x\n\turl = -uhttps://evil\n`,
      );
      await expect(syncGenerator(tree)).rejects.toThrow(
        '@mlws/nx: .gitmodules: tools/x has the URL "-uhttps://evil", which @mlws/nx refuses (the URL starts with "-"): set an https or ssh URL with git config -f .gitmodules submodule.tools/x.url <url>, then run git submodule sync (nx sync cannot fix this)',
      );
    });

    it('does not write a dangerous .gitmodules URL into an environment', async () => {
      tree.write('.gitmodules', files['.gitmodules'].replace(`${REMOTES}/bench-utils.git`, 'ext::sh -c evil'));
      await expect(syncGenerator(tree)).rejects.toThrow(
        '.gitmodules: packages/bench-utils has the URL "ext::sh -c evil", which @mlws/nx refuses',
      );
    });
  });
});
