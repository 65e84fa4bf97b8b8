import { PROBLEM_CODES } from '@/lib/csv/problem';
import { ERROR_MEANINGS, PROBLEM_MEANINGS } from '@/lib/error-meanings';
import { ERROR_CODES } from '@/lib/errors';

/** docs/errors.md: every code of both registries with its meaning, in code order. */
export function errorsDoc(): string {
  const rows = <K extends string>(
    codes: Record<K, number>,
    meanings: Record<K, string>,
    status: (code: number) => string,
  ) =>
    (Object.keys(codes) as K[])
      .sort((a, b) => codes[a] - codes[b])
      .map((name) => `| ${codes[name]} | ${status(codes[name])} | \`${name}\` | ${meanings[name]} |`)
      .join('\n');
  return `# Error codes

Generated from the registries (\`lib/errors.ts\`, \`lib/csv/problem.ts\`) by \`npm run docs:errors\`;
do not edit by hand. Every API error has one shape:
\`{httpStatusCode, errorCode, message, details[], remediation, id, version: 2}\`.

## Answers of the API

| errorCode | HTTP | name | meaning |
|---:|---:|---|---|
${rows(ERROR_CODES, ERROR_MEANINGS, (code) => String(Math.floor(code / 100)))}

## Problems in a file or a record

A job's errors (and a preview's, a row edit's) carry these codes with the row, column and value.

| errorCode | HTTP | name | meaning |
|---:|---:|---|---|
${rows(PROBLEM_CODES, PROBLEM_MEANINGS, () => '400')}
`;
}
