import type { ValueNode } from './cst';
import { scalarKind } from './scalar-kind';

/** `a string`, `an array`, `an inline table`…: what a value node holds, for error messages. */
export function describeNode(text: string, node: ValueNode): string {
  if (node.type === 'array') return 'an array';
  if (node.type === 'inline-table') return 'an inline table';
  return scalarKind(text.slice(node.start, node.end));
}
