import { addGitlinkInputs, GitlinkIndex, reaches, withGitlinks } from './gitlink-inputs';
import type { InferredProject } from './project-configs';

describe('gitlink inputs', () => {
  it('a glob reaches a submodule it can match files in, or the submodule path itself', () => {
    expect(reaches('packages/core/**/*', 'packages/core')).toBe(true);
    expect(reaches('packages/*/pyproject.toml', 'packages/core')).toBe(true);
    expect(reaches('packages/core/pyproject.toml', 'packages/core')).toBe(true);
    expect(reaches('**', 'packages/core')).toBe(true);
    expect(reaches('packages/core', 'packages/core')).toBe(true);
    // a package inside a submodule that holds several
    expect(reaches('vendor/bundle/pkg/**/*', 'vendor/bundle')).toBe(true);
    expect(reaches('packages/core-extra/**/*', 'packages/core')).toBe(false);
    expect(reaches('staging/pyproject.toml', 'packages/core')).toBe(false);
    expect(reaches('pyproject.toml', 'packages/core')).toBe(false);
    expect(reaches('packages/.hidden/**', 'packages/.hidden')).toBe(true);
    expect(reaches('packages/{core,data}/**', 'packages/core')).toBe(true);
    expect(reaches('packages/core.py', 'packages/core')).toBe(false);
    expect(reaches('packages', 'packages/core')).toBe(true);
  });

  it('answers each pattern once, at 1000 submodule packages', () => {
    const links = Array.from({ length: 1000 }, (_, i) => `packages/pkg-${String(i).padStart(4, '0')}`);
    const index = new GitlinkIndex(links);
    for (const l of links) expect(index.reachedBy(`${l}/**/*`)).toEqual([l]);
    expect(index.reachedBy('packages/*/pyproject.toml')).toHaveLength(1000);
    expect(index.reachedBy('packages/*/pyproject.toml')).toBe(index.reachedBy('packages/*/pyproject.toml'));
    expect(index.reachedBy('staging/pyproject.toml')).toEqual([]);
  });

  it('adds the gitlink beside the file sets that reach it, once, and keeps everything else', () => {
    const inputs = [
      '{projectRoot}/**/*',
      '!{projectRoot}/dist/**',
      '{workspaceRoot}/uv.lock',
      { env: 'X' },
      'python-sources',
      '^python-sources',
    ];
    expect(withGitlinks(inputs, 'packages/core', new GitlinkIndex(['packages/core', 'packages/data']))).toEqual([
      ...inputs,
      '{workspaceRoot}/packages/core',
    ]);
    const members = ['{workspaceRoot}/packages/*/pyproject.toml', { fileset: '{workspaceRoot}/packages/data/**' }];
    expect(withGitlinks(members, '.', new GitlinkIndex(['packages/core', 'packages/data']))).toEqual([
      ...members,
      '{workspaceRoot}/packages/core',
      '{workspaceRoot}/packages/data',
    ]);
    const none = ['{workspaceRoot}/staging/pyproject.toml', '{workspaceRoot}/staging/uv.lock'];
    expect(withGitlinks(none, 'staging', new GitlinkIndex(['packages/core']))).toBe(none);
    const already = ['{projectRoot}/**/*', '{workspaceRoot}/packages/core'];
    expect(withGitlinks(already, 'packages/core', new GitlinkIndex(['packages/core']))).toBe(already);
  });

  it('extends targets, the project named inputs and, per project, the workspace named inputs that reach a submodule', () => {
    const projects: Record<string, InferredProject> = {
      'packages/core': {
        root: 'packages/core',
        namedInputs: { 'python-sources': ['{projectRoot}/**/*'] },
        targets: {
          build: { inputs: ['python-sources'] },
          lock: { inputs: ['{workspaceRoot}/packages/*/pyproject.toml'] },
        },
      },
      staging: { root: 'staging', targets: { lock: { inputs: ['{workspaceRoot}/staging/pyproject.toml'] } } },
    };
    addGitlinkInputs(projects, ['packages/core', '../outside', '/abs'], {
      default: ['{projectRoot}/**/*', 'sharedGlobals'],
      sharedGlobals: ['{workspaceRoot}/.github/**/*'],
    });
    const core = projects['packages/core'];
    expect(core.namedInputs).toEqual({
      default: ['{projectRoot}/**/*', 'sharedGlobals', '{workspaceRoot}/packages/core'],
      'python-sources': ['{projectRoot}/**/*', '{workspaceRoot}/packages/core'],
    });
    expect(core.targets?.['build'].inputs).toEqual(['python-sources']);
    expect(core.targets?.['lock'].inputs).toEqual([
      '{workspaceRoot}/packages/*/pyproject.toml',
      '{workspaceRoot}/packages/core',
    ]);
    // staging's files live outside every submodule: nothing added, no named inputs of its own
    expect(projects['staging'].namedInputs).toBeUndefined();
    expect(projects['staging'].targets?.['lock'].inputs).toEqual(['{workspaceRoot}/staging/pyproject.toml']);
  });
});
