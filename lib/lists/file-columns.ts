import { columnLetter } from '@/lib/excel/sheet-rows';

/**
 * A file's columns as the import wizard names them to the person. A header may name two columns
 * alike ("City" in C and in F): each is then told apart by its spreadsheet column letter, the one
 * they see when they open the file, and a list column made from the second is offered as "City 2".
 */

/** Header names compared as the person reads them: "City" and " city" are the same name. */
function sameName(name: string): string {
  return name.trim().toLowerCase();
}

/** The names that head more than one column, each once, in the order they first appear (empty names left out). */
export function repeatedHeaderNames(headers: readonly string[]): string[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const header of headers) {
    if (header.trim() === '') continue;
    const entry = counts.get(sameName(header));
    if (entry) entry.count++;
    else counts.set(sameName(header), { name: header.trim(), count: 1 });
  }
  return [...counts.values()].filter((e) => e.count > 1).map((e) => e.name);
}

/** Per file column, its name on screen: the header, with its column letter when the name repeats ("City (column F)"). */
export function fileColumnLabels(headers: readonly string[]): string[] {
  const repeated = new Set(repeatedHeaderNames(headers).map(sameName));
  return headers.map((header, i) => {
    if (header.trim() === '') return `(column ${columnLetter(i)} without a name)`;
    return repeated.has(sameName(header)) ? `${header.trim()} (column ${columnLetter(i)})` : header.trim();
  });
}

/**
 * Per file column, the name to offer for a new list column made from it: the header for the first
 * column of that name, the first free "City 2", "City 3"… for the next (a name no column of the file
 * or the list has). Empty headers get an empty name: the person names the column.
 */
export function newColumnNames(headers: readonly string[], listColumnNames: readonly string[]): string[] {
  const taken = new Set(listColumnNames.map(sameName));
  // The file's own names are kept for the columns that carry them first.
  const firsts = new Map<string, number>();
  headers.forEach((header, i) => {
    if (header.trim() !== '' && !firsts.has(sameName(header))) firsts.set(sameName(header), i);
  });
  for (const name of firsts.keys()) taken.add(name);
  return headers.map((header, i) => {
    const name = header.trim();
    if (name === '') return '';
    if (firsts.get(sameName(name)) === i) return name;
    let n = 2;
    while (taken.has(sameName(`${name} ${n}`))) n++;
    taken.add(sameName(`${name} ${n}`));
    return `${name} ${n}`;
  });
}

/**
 * Per file column, the list column of the same name (its index), or -1: a file column the list has
 * but that was not chosen for it is only not imported; it is no column to add to the list.
 */
export function sameNamedListColumns(headers: readonly string[], listColumnNames: readonly string[]): number[] {
  const byName = new Map<string, number>();
  listColumnNames.forEach((name, i) => {
    if (!byName.has(sameName(name))) byName.set(sameName(name), i);
  });
  return headers.map((header) => (header.trim() === '' ? -1 : (byName.get(sameName(header)) ?? -1)));
}
