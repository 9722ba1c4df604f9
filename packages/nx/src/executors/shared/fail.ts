import type { Clients } from '../../clients/clients';
import { redactUrlsIn } from '../../model/redact-url';

/** An executor's failure for people, through the clients' `error` (stderr): one line, prefixed, no stack trace, no URL with its credentials. */
export function fail(error: Clients['error'], message: string): { success: false } {
  error(`@mlws/nx: ${redactUrlsIn(message)}`);
  return { success: false };
}

/** A note for people, through the clients' `log` (same prefix and redaction as `fail`). */
export function info(log: Clients['log'], message: string): void {
  log(`@mlws/nx: ${redactUrlsIn(message)}`);
}
