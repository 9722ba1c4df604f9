import type { Tree } from '@nx/devkit';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Command } from '../../plan/command';

/**
 * The commands that put the files of the tree's changes back as they are on disk now: called at
 * the end of a generator body, before Nx writes the tree, so the disk still holds the originals.
 * Created files are deleted, and so are the directories that did not exist before (top-most only).
 */
export function undoTreeChanges(tree: Tree): Command[] {
  const onDisk = (p: string) => existsSync(join(tree.root, p));
  const restore: Command[] = [];
  const newDirs = new Set<string>();
  for (const change of tree.listChanges()) {
    if (change.type === 'CREATE' && !onDisk(change.path)) {
      restore.push({ program: 'restore', path: change.path, content: null });
      const top = topMostNewDir(change.path, onDisk);
      if (top) newDirs.add(top);
    } else {
      const file = join(tree.root, change.path);
      if (existsSync(file) && statSync(file).isDirectory()) continue; // the generators delete files, never a directory, through the tree
      restore.push({
        program: 'restore',
        path: change.path,
        content: existsSync(file) ? readFileSync(file, 'utf8') : null,
      });
    }
  }
  const dirs = [...newDirs].filter((d) => ![...newDirs].some((o) => o !== d && d.startsWith(`${o}/`)));
  return [...restore, ...dirs.sort().map((path): Command => ({ program: 'rm', path }))];
}

function topMostNewDir(file: string, onDisk: (p: string) => boolean): string | undefined {
  const parts = posix
    .dirname(file)
    .split('/')
    .filter((p) => p && p !== '.');
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (!onDisk(dir)) return dir;
  }
  return undefined;
}
