/** The first non-empty line of a text, trimmed (for tool output and error messages in one-line errors). */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}
