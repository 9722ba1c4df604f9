import { logger } from '@nx/devkit';
import { redactUrlsIn } from '../../model/redact-url';

/** An executor's failure for people: one line, prefixed, no stack trace, no URL with its credentials. */
export function fail(message: string): { success: false } {
  logger.error(`@mlws/nx: ${redactUrlsIn(message)}`);
  return { success: false };
}

export function info(message: string): void {
  logger.info(`@mlws/nx: ${redactUrlsIn(message)}`);
}
