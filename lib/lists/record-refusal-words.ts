import { shortenValue } from '@/lib/csv/problem';

/** A refused value, for the field it belongs to: "amount: “12x” is not a number." and how to fix it. */
export type FieldRefusal = { column: string; words: string; hint?: string };

/** What the record dialog shows of a refusal: problems of fields, and any others in plain words. */
export type RecordRefusal = { fields: FieldRefusal[]; others: string[] };

/**
 * The record dialog's words for `PUT …/contents` refusing its one item. The API's details are its
 * contract and speak of items ("Item 1: "amount" "12x" is not a number. … in item 1"); a person
 * editing one record reads which field is wrong and what is wrong with it. A detail that names no
 * field is kept, without the item number.
 *
 * `sent` holds the text of each field as the person typed it: a value problem quotes it back.
 */
export function recordRefusalWords(
  details: readonly string[],
  columns: readonly string[],
  sent: Readonly<Record<string, string>>,
): RecordRefusal {
  // The longest name first: a column "amount" must not claim a problem of "amount due".
  const byLength = [...columns].sort((a, b) => b.length - a.length);
  const fields: FieldRefusal[] = [];
  const others: string[] = [];
  for (const detail of details) {
    // The request's path and correlator id are for whoever reads the server's log, not for this form.
    if (/^(path|correlator): /.test(detail)) continue;
    const item = /^Item \d+: /.exec(detail);
    const column = item ? byLength.find((name) => detail.startsWith(`"${name}" `, item[0].length)) : undefined;
    if (!item || column === undefined) {
      others.push(capitalise(detail.replace(/^Item \d+:? /, '')));
      continue;
    }
    const rest = detail.slice(item[0].length + column.length + 3);
    fields.push(fieldRefusal(column, rest, sent[column]));
  }
  return { fields, others };
}

function fieldRefusal(column: string, rest: string, sent: string | undefined): FieldRefusal {
  const quoted = sent === undefined ? undefined : `"${shortenValue(sent)}" `;
  const valueProblem = quoted !== undefined && rest.startsWith(quoted);
  const afterValue = valueProblem ? rest.slice(quoted.length) : rest;
  // The reason is the first sentence (the parsers' reasons have no full stop of their own); the
  // rest is the API's remediation.
  const end = afterValue.search(/\.(\s|$)/);
  const reason = end < 0 ? afterValue : afterValue.slice(0, end + 1);
  const words = valueProblem ? `${column}: “${shortenValue(sent!)}” ${reason}` : `${column} ${reason}`;
  return { column, words, ...hintOf(end < 0 ? '' : afterValue.slice(end + 1).trim()) };
}

/** The remediation, when it helps someone editing one record: not "remove the row", not JSON types. */
function hintOf(remediation: string): { hint?: string } {
  const hint = remediation.replace(/ (?:in|on) (?:item|row) \d+/g, '').trim();
  if (hint === '' || /remove the row|Send each value/i.test(hint)) return {};
  return { hint };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
