/** GitHub's answers as one-line errors: the error type and the parts of a JSON error body. */
export class GithubApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** `timeout`: no answer in time; `unreadable`: an answer that is not the JSON of a release. */
    readonly kind?: 'timeout' | 'unreachable' | 'unreadable',
  ) {
    super(message);
    this.name = 'GithubApiError';
  }
}

/** The `message` of a JSON error body, or ''. */
export function messageOf(data: unknown): string {
  return data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
    ? (data as { message: string }).message
    : '';
}

/** `: Release.tag_name already_exists` from GitHub's `errors` array. */
export function validationDetails(data: unknown): string {
  const errors = data && typeof data === 'object' ? (data as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const parts = errors.map((e) => {
    if (!e || typeof e !== 'object') return String(e);
    const x = e as { resource?: string; field?: string; code?: string; message?: string };
    return (
      x.message ??
      [x.resource && x.field ? `${x.resource}.${x.field}` : (x.resource ?? x.field), x.code].filter(Boolean).join(' ')
    );
  });
  return `: ${parts.join('; ')}`;
}
