export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Guesses the delimiter from the first lines: the candidate that splits the most lines into the
 * same number (> 1) of fields, counting only outside quotes. Falls back to a comma.
 */
export function detectDelimiter(sample: string): string {
  const lines = sample
    .split(/\r\n|\n|\r/)
    .filter((l) => l.length > 0)
    .slice(0, 20);
  if (lines.length > 1 && sample.length >= 65_536) lines.pop(); // the last line of a cut sample may be partial
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

export function describeDelimiter(delimiter: string): string {
  return delimiter === '\t'
    ? 'tab'
    : delimiter === ','
      ? 'comma (,)'
      : delimiter === ';'
        ? 'semicolon (;)'
        : delimiter === '|'
          ? 'pipe (|)'
          : `"${delimiter}"`;
}
