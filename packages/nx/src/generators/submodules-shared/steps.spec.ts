import { commandLine } from './steps';

describe('steps', () => {
  it('shows commands as a person types them from the workspace root', () => {
    expect(commandLine({ kind: 'git', cwd: 'packages/x', args: ['commit', '-m', "it's new"] })).toBe(
      "git -C packages/x commit -m 'it'\\''s new'",
    );
    expect(
      commandLine({
        kind: 'git',
        cwd: '.',
        args: ['submodule', 'add', '--', 'file:///srv/x.git', 'packages/x'],
        allowFileProtocol: true,
      }),
    ).toBe('git -c protocol.file.allow=always submodule add -- file:///srv/x.git packages/x');
    expect(commandLine({ kind: 'uv', cwd: '.', args: ['lock', '--project', 'staging'] })).toBe(
      'uv lock --project staging',
    );
    expect(commandLine({ kind: 'remove', path: '.git/modules/packages/x' })).toBe('rm -rf .git/modules/packages/x');
    expect(commandLine({ kind: 'mkdir', path: 'libs/ml' })).toBe('mkdir -p libs/ml');
  });
});
