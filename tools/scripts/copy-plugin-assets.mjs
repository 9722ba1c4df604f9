// Copies the non-TypeScript files of the plugin (manifests, schemas, README, LICENSE, CHANGELOG) next to the compiled output.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(repo, 'packages', 'nx');
const out = join(repo, 'dist', 'packages', 'nx');

for (const file of ['package.json', 'executors.json', 'generators.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
  if (existsSync(join(src, file))) cpSync(join(src, file), join(out, file));
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== '__fixtures__') walk(path);
    } else if (/\.(json|md|template)$/.test(name) || dir.includes(`${'/'}files`)) {
      const target = join(out, relative(src, path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
walk(join(src, 'src'));
