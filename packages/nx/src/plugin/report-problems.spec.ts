import { reportProblems } from './report-problems';

describe('reportProblems', () => {
  it('prints each problem once, prefixed, at its level', () => {
    const lines: string[] = [];
    const emit = (level: 'warn' | 'error', message: string) => lines.push(`${level} ${message}`);
    const problems = [
      { level: 'warn' as const, message: 'packages/x is not initialised' },
      { level: 'error' as const, message: 'a.toml:1:2: invalid TOML' },
      { level: 'warn' as const, message: 'packages/x is not initialised' },
    ];
    reportProblems(problems, emit);
    expect(lines).toEqual(['warn @mlws/nx: packages/x is not initialised', 'error @mlws/nx: a.toml:1:2: invalid TOML']);
  });

  it('never shows the credentials of a URL in a problem', () => {
    const lines: string[] = [];
    reportProblems(
      [
        {
          level: 'error',
          message: '.gitmodules: packages/x has the URL "https://x:ghp_tok@github.com/o/x.git", which @mlws/nx refuses',
        },
      ],
      (_level, m) => lines.push(m),
    );
    expect(lines).toEqual([
      '@mlws/nx: .gitmodules: packages/x has the URL "https://github.com/o/x.git", which @mlws/nx refuses',
    ]);
  });
});
