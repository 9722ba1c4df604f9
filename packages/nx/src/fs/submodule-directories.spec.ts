import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGitmodules } from '../model/gitmodules';
import { readSubmoduleDirectories } from './submodule-directories';

describe('readSubmoduleDirectories', () => {
  let root: string;
  const put = (file: string, text: string) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const submodules = parseGitmodules(
    ['model-interface', 'prompt-handler', 'bench-utils', 'gone']
      .map((n) => `[submodule "packages/${n}"]\n\tpath = packages/${n}\n\turl = ../remotes/${n}.git\n`)
      .join(''),
  );
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mlws-submodule-dirs-'));
    // mv packages/model-interface packages/mi (as git leaves it: a .git file pointing at .git/modules/<name>)
    put('packages/mi/.git', 'gitdir: ../../.git/modules/packages/model-interface\n');
    put('packages/mi/pyproject.toml', '[project]\nname = "model-interface"\n');
    mkdirSync(join(root, 'packages/prompt-handler'), { recursive: true }); // not initialised: empty
    put('packages/bench-utils/.git', 'gitdir: ../../.git/modules/packages/bench-utils\n'); // checked out, no pyproject
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('tells moved (and where to), deleted, not initialised and checked out apart', () => {
    const paths = ['packages/model-interface', 'packages/prompt-handler', 'packages/bench-utils', 'packages/gone'];
    expect(readSubmoduleDirectories(root, submodules, paths)).toEqual({
      'packages/model-interface': { state: 'missing', movedTo: 'packages/mi' },
      'packages/prompt-handler': { state: 'uninitialised' },
      'packages/bench-utils': { state: 'checked-out' },
      'packages/gone': { state: 'missing' },
    });
  });

  it('finds a copy moved elsewhere among the candidate directories', () => {
    put('libs/models/mi/.git', 'gitdir: ../../../.git/modules/packages/model-interface\n');
    rmSync(join(root, 'packages/mi'), { recursive: true });
    expect(readSubmoduleDirectories(root, submodules, ['packages/model-interface'], ['libs/models/mi'])).toEqual({
      'packages/model-interface': { state: 'missing', movedTo: 'libs/models/mi' },
    });
  });
});
