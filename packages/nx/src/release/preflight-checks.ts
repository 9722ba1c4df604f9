import { realpathSync } from 'node:fs';
import type { Clients } from '../clients/clients';
import type { ReleaseRequest } from './preflight';

/**
 * What the named checks of the preflight share: the request, the clients, and the problems and
 * notices found so far (all problems are reported together).
 */
export interface Checks {
  req: ReleaseRequest;
  deps: Pick<Clients, 'git' | 'env' | 'now'>;
  problems: string[];
  notices: string[];
}

/** A check that cannot go on: its problems are added to those found so far. */
export class Refusal extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Stops the preflight with one more problem. */
export function stop(message: string): never {
  throw new Refusal([message]);
}

export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '');
  if (norm(a) === norm(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

export function summarize(lines: readonly string[]): string {
  const files = lines.map((l) => l.slice(3).trim());
  return files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
}
