#!/usr/bin/env node
// A local npm registry for humans (the e2e suites start their own through globalSetup):
//
//   node tools/local-registry/cli.mjs start [--port 4873] [--publish] [--verbose]
//   node tools/local-registry/cli.mjs publish <url>
//
// `start` runs verdaccio with a temp storage until Ctrl-C; `@mlws/*` is served locally, the rest
// proxied to registry.npmjs.org. `--publish` builds the plugin (nx run nx:build) and publishes it.
// Then, in any directory: npm install -D nx @mlws/nx --registry <url>
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../setup/ts-register.cjs');
const { startLocalRegistry, publishPlugin, REPO_ROOT } = require('./index.ts');

const args = process.argv.slice(2);
const cmd = args.shift();
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  args.splice(i, 1);
  return true;
};
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};

function build() {
  console.error('[local-registry] building the plugin: npx nx run nx:build');
  const r = spawnSync('npx', ['nx', 'run', 'nx:build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (cmd === 'start') {
  const port = option('--port');
  const publish = flag('--publish');
  const verbose = flag('--verbose');
  const reg = await startLocalRegistry({
    port: port ? Number(port) : undefined,
    verbose,
    logLevel: verbose ? 'http' : 'warn',
  });
  console.log(`local registry: ${reg.url}/   (storage ${reg.dir}, npmrc with a token: ${reg.npmrc})`);
  if (publish) {
    build();
    const { name, version } = await publishPlugin(reg.url, { npmrc: reg.npmrc });
    console.log(`published ${name}@${version}`);
  }
  console.log(`try: npm install -D nx @mlws/nx --registry ${reg.url}/`);
  console.log('Ctrl-C stops it and removes the storage (MLWS_KEEP_TMP=1 keeps it).');
  const stop = async () => {
    await reg.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
} else if (cmd === 'publish' && args[0]) {
  build();
  const { name, version } = await publishPlugin(args[0]);
  console.log(`published ${name}@${version} to ${args[0]}`);
} else {
  console.error('usage: node tools/local-registry/cli.mjs start [--port N] [--publish] [--verbose]');
  console.error('       node tools/local-registry/cli.mjs publish <url>');
  process.exit(2);
}
