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
});
