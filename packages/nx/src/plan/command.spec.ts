import { showCommand } from './command';

describe('showCommand', () => {
  it('shows commands as a person types them from the workspace root', () => {
    expect(showCommand({ program: 'git', cwd: 'packages/x', args: ['commit', '-m', "it's new"] })).toBe(
      "git -C packages/x commit -m 'it'\\''s new'",
    );
    expect(
      showCommand({
        program: 'git',
        cwd: '.',
        args: ['submodule', 'add', '--', 'file:///srv/x.git', 'packages/x'],
        allowFileProtocol: true,
      }),
    ).toBe('git -c protocol.file.allow=always submodule add -- file:///srv/x.git packages/x');
    expect(showCommand({ program: 'uv', cwd: '.', args: ['lock', '--project', 'staging'] })).toBe(
      'uv lock --project staging',
    );
    expect(showCommand({ program: 'rm', path: '.git/modules/packages/x' })).toBe('rm -rf .git/modules/packages/x');
    expect(showCommand({ program: 'mkdir', path: 'libs/ml' })).toBe('mkdir -p libs/ml');
  });
});
