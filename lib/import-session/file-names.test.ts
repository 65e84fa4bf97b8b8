import { describe, expect, it } from 'vitest';

import { leftOutFileName, uploadFileName } from './file-names';

describe('uploadFileName', () => {
  it('keeps a text file’s name and names a sheet after its workbook', () => {
    expect(uploadFileName({ name: 'customers.csv' })).toBe('customers.csv');
    expect(uploadFileName({ name: 'customers.xlsx', sheet: 'Customers' })).toBe('customers - Customers.csv');
  });
});

describe('leftOutFileName', () => {
  it('says what the rows are after the chosen file’s name', () => {
    expect(leftOutFileName({ name: 'customers.csv' })).toBe('customers left-out rows.csv');
    expect(leftOutFileName({ name: 'Orders 2024.TSV' })).toBe('Orders 2024 left-out rows.csv');
    expect(leftOutFileName({ name: 'export' })).toBe('export left-out rows.csv');
  });

  it('names a sheet in brackets after its workbook, without the upload name’s dash', () => {
    expect(leftOutFileName({ name: 'customers.xlsx', sheet: 'Customers' })).toBe(
      'customers (Customers) left-out rows.csv',
    );
    expect(leftOutFileName({ name: 'book.XLSM', sheet: 'Sheet - 2' })).toBe('book (Sheet - 2) left-out rows.csv');
  });
});
