import type { Tree } from '@nx/devkit';
import {
  applyEdits,
  format,
  FormattingOptions,
  JSONPath,
  modify,
  parse,
  ParseError,
  printParseErrorCode,
} from 'jsonc-parser';
import { GeneratorError } from './errors';

/** One change of nx.json: set `path` to `value` (undefined removes it); `insert` adds at an array index. */
export interface NxJsonChange {
  path: JSONPath;
  value: unknown;
  insert?: boolean;
}

/**
 * nx.json as written (not merged with what it `extends`), or undefined when there is none. A file
 * that is not JSON (with comments) stops the generator in one line.
 */
export function readNxJsonText(tree: Tree): { text: string; json: Record<string, unknown> } | undefined {
  const text = tree.read('nx.json', 'utf-8');
  if (text === null) return undefined;
  const errors: ParseError[] = [];
  const json = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length || typeof json !== 'object' || json === null || Array.isArray(json)) {
    const e = errors[0];
    const where = e ? ` (${printParseErrorCode(e.error)} at line ${text.slice(0, e.offset).split('\n').length})` : '';
    throw new GeneratorError(`nx.json is not a JSON object${where}: fix it, then run the generator again`);
  }
  return { text, json: json as Record<string, unknown> };
}

/**
 * Applies the changes to nx.json format-preserving (jsonc-parser's modify): comments, key order,
 * indentation and line ends outside the changed values stay byte for byte; the new values are laid
 * out in the file's own indentation.
 */
export function editNxJson(tree: Tree, changes: readonly NxJsonChange[]): void {
  const read = readNxJsonText(tree);
  if (!read) throw new GeneratorError('there is no nx.json: run nx g @mlws/nx:init (or npx nx init) first');
  let text = read.text;
  const formattingOptions = formattingOf(text);
  for (const c of changes) {
    // jsonc-parser would reformat the whole lines an insertion touches; only the new text is formatted here
    for (const edit of modify(text, c.path, c.value, c.insert ? { isArrayInsertion: true } : {})) {
      const edited = applyEdits(text, [edit]);
      text = applyEdits(
        edited,
        format(edited, { offset: edit.offset, length: edit.content.length }, formattingOptions),
      );
    }
  }
  if (text !== read.text) tree.write('nx.json', text);
}

/** The file's own indentation (first indented line) and line end. */
export function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}
