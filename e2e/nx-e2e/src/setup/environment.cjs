/**
 * Test environment of the e2e suites: node + temp-dir bookkeeping.
 *
 * Helpers register every temp dir they create in `globalThis.__MLWS_TMP_DIRS__`; when the test
 * file finishes they are removed if all its tests and hooks passed and MLWS_KEEP_TMP != 1.
 * On a failure they are kept and listed, for debugging.
 */
'use strict';
const { rmSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

class MlwsE2eEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.tmpDirs = [];
    this.failed = false;
    this.testPath = context.testPath;
    this.global.__MLWS_TMP_DIRS__ = this.tmpDirs;
  }

  handleTestEvent(event) {
    if (
      event.name === 'test_fn_failure' ||
      event.name === 'hook_failure' ||
      (event.name === 'test_done' && event.test.errors.length > 0) ||
      (event.name === 'run_finish' && event.unhandledErrors && event.unhandledErrors.length > 0)
    ) {
      this.failed = true;
    }
  }

  async teardown() {
    const keep = process.env.MLWS_KEEP_TMP === '1';
    if (this.tmpDirs.length > 0) {
      if (this.failed || keep) {
        process.stderr.write(
          `\n[mlws-e2e] kept temp dirs of ${this.testPath}${keep ? ' (MLWS_KEEP_TMP=1)' : ' (a test failed)'}:\n` +
            this.tmpDirs.map((d) => `  ${d}\n`).join(''),
        );
      } else {
        for (const dir of this.tmpDirs) rmSync(dir, { recursive: true, force: true });
      }
    }
    await super.teardown();
  }
}

module.exports = MlwsE2eEnvironment;
