import { describe, expect, it } from 'vitest';

import { fileColumnLabels, newColumnNames, repeatedHeaderNames, sameNamedListColumns } from './file-columns';

const HEADERS = ['id', 'name', 'City', 'zip', 'country', 'City'];

describe('repeatedHeaderNames', () => {
  it('names each repeated header once, as the file first writes it', () => {
    expect(repeatedHeaderNames(HEADERS)).toEqual(['City']);
    expect(repeatedHeaderNames(['a', 'b', ' B', 'a', 'a'])).toEqual(['a', 'b']);
  });

  it('finds none in a file whose names are all different, and does not count empty names', () => {
    expect(repeatedHeaderNames(['id', 'name'])).toEqual([]);
    expect(repeatedHeaderNames(['id', '', ''])).toEqual([]);
  });
});

describe('fileColumnLabels', () => {
  it('tells repeated names apart by their spreadsheet column letter and leaves the others as they are', () => {
    expect(fileColumnLabels(HEADERS)).toEqual(['id', 'name', 'City (column C)', 'zip', 'country', 'City (column F)']);
  });

  it('names a column without a header by its letter, past Z too', () => {
    const headers = Array.from({ length: 28 }, (_, i) => (i === 27 ? '' : `c${i}`));
    expect(fileColumnLabels(headers)[27]).toBe('(column AB without a name)');
  });
});

describe('newColumnNames', () => {
  it('offers the second "City" as "City 2"', () => {
    expect(newColumnNames(HEADERS, ['customerId'])).toEqual(['id', 'name', 'City', 'zip', 'country', 'City 2']);
  });

  it('gives later columns of a name the first free number, skipping names the file or the list has', () => {
    expect(newColumnNames(['City', 'City 2', 'City', 'city'], [])).toEqual(['City', 'City 2', 'City 3', 'city 4']);
    expect(newColumnNames(['id', 'City', 'City'], ['id', 'City'])).toEqual(['id', 'City', 'City 2']);
    expect(newColumnNames(['City', 'City'], ['City 2'])).toEqual(['City', 'City 3']);
  });

  it('leaves a column without a header for the person to name', () => {
    expect(newColumnNames(['id', ''], [])).toEqual(['id', '']);
  });
});

describe('sameNamedListColumns', () => {
  it('finds the list column a file column is named like, as the list compares names', () => {
    expect(sameNamedListColumns(['id', ' Email ', 'notes', '', 'NAME'], ['id', 'name', 'email'])).toEqual([
      0, 2, -1, -1, 1,
    ]);
  });
});
