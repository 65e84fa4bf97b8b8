import { describe, expect, it } from 'vitest';

import { cellText, excelNumber, excelSerialToDate, formatExcelDate, isDateFormat } from './cells';

describe('Excel cell conversion', () => {
  it('rounds to the 15 significant digits Excel shows', () => {
    expect(excelNumber(0.1 + 0.2)).toBe(0.3);
    expect(excelNumber(1234567.8900000001)).toBe(1234567.89);
    expect(excelNumber(2 / 3)).toBe(0.666666666666667);
  });

  it('converts serial day numbers in both date systems, including the 1900 leap-year bug', () => {
    expect(excelSerialToDate(45292).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(excelSerialToDate(45292.5).toISOString()).toBe('2024-01-01T12:00:00.000Z');
    expect(excelSerialToDate(1).toISOString().slice(0, 10)).toBe('1900-01-01');
    expect(excelSerialToDate(59).toISOString().slice(0, 10)).toBe('1900-02-28');
    expect(excelSerialToDate(61).toISOString().slice(0, 10)).toBe('1900-03-01');
    expect(excelSerialToDate(0, true).toISOString().slice(0, 10)).toBe('1904-01-01');
  });

  it('knows date formats', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-409]d-mmm-yy;@')).toBe(true);
    expect(isDateFormat('[h]:mm:ss')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('0.00" days"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });

  it('writes dates as the target column expects', () => {
    const midnight = new Date(Date.UTC(2024, 2, 31));
    const afternoon = new Date(Date.UTC(2024, 2, 31, 14, 5));
    expect(formatExcelDate(midnight, 'date')).toBe('2024-03-31');
    expect(formatExcelDate(afternoon, 'date')).toBe('2024-03-31T14:05:00Z');
    expect(formatExcelDate(afternoon, 'datetime')).toBe('2024-03-31T14:05:00Z');
    expect(formatExcelDate(afternoon, 'string')).toBe('2024-03-31 14:05:00');
    expect(formatExcelDate(midnight, 'string')).toBe('2024-03-31');
  });

  it('gives each kind of cell the text a list column receives', () => {
    expect(cellText(undefined, 'string', false)).toEqual({ text: '' });
    expect(cellText({ type: 'string', value: ' a ' }, 'integer', false)).toEqual({ text: ' a ' });
    expect(cellText({ type: 'boolean', value: true }, 'boolean', false)).toEqual({ text: 'true' });
    expect(cellText({ type: 'error', value: '#N/A' }, 'number', false)).toEqual({ excelError: '#N/A' });
    expect(cellText({ type: 'number', value: 0.1 + 0.2, numFmt: undefined }, 'number', false)).toEqual({ text: '0.3' });
    expect(cellText({ type: 'number', value: -0, numFmt: undefined }, 'number', false)).toEqual({ text: '0' });
    expect(cellText({ type: 'number', value: 45292, numFmt: undefined }, 'integer', false)).toEqual({ text: '45292' });
    expect(cellText({ type: 'number', value: 45292, numFmt: undefined }, 'date', false)).toEqual({
      text: '2024-01-01',
    });
    expect(cellText({ type: 'number', value: 45292.25, numFmt: 'dd/mm/yyyy hh:mm' }, undefined, false)).toEqual({
      text: '2024-01-01 06:00:00',
    });
    expect(cellText({ type: 'number', value: 0, numFmt: 'yyyy-mm-dd' }, 'date', true)).toEqual({ text: '1904-01-01' });
    expect(cellText({ type: 'number', value: -1, numFmt: 'yyyy-mm-dd' }, 'date', false)).toEqual({ text: '-1' });
    expect(cellText({ type: 'date', value: new Date(Date.UTC(2024, 2, 31)) }, 'datetime', false)).toEqual({
      text: '2024-03-31T00:00:00Z',
    });
  });
});
