import { logger } from '@nx/devkit';

/** An executor's failure for people: one line, prefixed, no stack trace. */
export function fail(message: string): { success: false } {
  logger.error(`@mlws/nx: ${message}`);
  return { success: false };
}

export function info(message: string): void {
  logger.info(`@mlws/nx: ${message}`);
}
