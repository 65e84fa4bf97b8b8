/** What each column field is called on the create-list form. */
const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  dataType: 'type',
  isKey: 'key',
  required: 'required',
  maxLength: 'maximum length',
  pattern: 'pattern',
  allowedValues: 'allowed values',
  format: 'written as',
};

/**
 * An API validation detail in the form's words: "columns.8.name: Column names must be unique"
 * becomes "Column 9 “email”, name: Column names must be unique" — the row number the form shows
 * (the API's path counts from 0) and the column's name. Other details pass through.
 */
export function columnErrorWords(detail: string, columnNames: readonly string[]): string {
  const match = /^columns\.(\d+)(?:\.([A-Za-z]+)[.\w]*)?: (.*)$/s.exec(detail);
  if (!match) return detail.replace(/^(name|description): /, (_, field: string) => `List ${field}: `);
  const index = Number(match[1]);
  const name = columnNames[index]?.trim();
  const field = match[2] ? (FIELD_WORDS[match[2]] ?? match[2]) : undefined;
  return `Column ${index + 1}${name ? ` “${name}”` : ''}${field ? `, ${field}` : ''}: ${match[3]}`;
}
