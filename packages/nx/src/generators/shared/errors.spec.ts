import { userError } from './errors';

describe('user errors', () => {
  it('user errors are one line without a stack', () => {
    const e = userError('first\n  second');
    expect(e.message).toBe('@mlws/nx: first second');
    expect(e.stack).toBe('');
  });
});
