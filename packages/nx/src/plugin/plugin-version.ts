import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version of @mlws/nx itself, part of every cache key. */
export const pluginVersion: string = (() => {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
