import { isCalendarDate, VALUE_PARSERS, type ParseResult } from '@/lib/lists/value-parsers';
import type { DatetimeFormat, DatetimePattern } from '@/lib/shared/column-formats';

import { expandShortYear } from './dates';
import { instantToZonedWallClock, wallClockMs, zonedWallClockToInstant } from './time-zones';

/**
 * Datetime formats: a layout (day/month order, Excel serial, Unix seconds) and the zone a value
 * without one is in. Read into ISO 8601 — the given offset kept, or UTC ("Z") when the zone was
 * assumed — and written back as the wall-clock time in that zone.
 */

const DAY_MS = 86_400_000;

type Order = 'YMD' | 'DMY' | 'MDY';
const ORDERS: Partial<Record<DatetimePattern, { order: Order; separator: string }>> = {
  'YYYY-MM-DD HH:MM:SS': { order: 'YMD', separator: '-' },
  'DD/MM/YYYY HH:MM:SS': { order: 'DMY', separator: '/' },
  'MM/DD/YYYY HH:MM:SS': { order: 'MDY', separator: '/' },
  'DD.MM.YYYY HH:MM:SS': { order: 'DMY', separator: '.' },
  'DD-MM-YYYY HH:MM:SS': { order: 'DMY', separator: '-' },
  'MM-DD-YYYY HH:MM:SS': { order: 'MDY', separator: '-' },
  'YYYY/MM/DD HH:MM:SS': { order: 'YMD', separator: '/' },
};

export const DATETIME_EXAMPLES: Record<DatetimePattern, string> = {
  'YYYY-MM-DD HH:MM:SS': '2024-12-31 14:05:00',
  'DD/MM/YYYY HH:MM:SS': '31/12/2024 14:05',
  'MM/DD/YYYY HH:MM:SS': '12/31/2024 2:05 PM',
  'DD.MM.YYYY HH:MM:SS': '31.12.2024 14:05:00',
  'DD-MM-YYYY HH:MM:SS': '31-12-2024 14:05:00',
  'MM-DD-YYYY HH:MM:SS': '12-31-2024 14:05:00',
  'YYYY/MM/DD HH:MM:SS': '2024/12/31 14:05:00',
  YYYYMMDDHHMM: '202412311405',
  'excel-serial': '45657.5868',
  'unix-seconds': '1735653900',
};

/** A time of day after the date: H:MM, HH:MM:SS, fractions, AM/PM, then an optional zone (Z, +02, +02:00). */
const TIME =
  '(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,9})?)?\\s*([AaPp][Mm])?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?';

function layoutRegex(order: Order, separator: string): RegExp {
  const sep = separator === '.' ? '\\.' : separator;
  const date =
    order === 'YMD' ? `(\\d{4})${sep}(\\d{1,2})${sep}(\\d{1,2})` : `(\\d{1,2})${sep}(\\d{1,2})${sep}(\\d{2}|\\d{4})`;
  return new RegExp(`^${date}${TIME}$`, 'i');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant (ms since 1970, whole seconds) and digits of a fraction of a second → ISO 8601 in UTC. */
function isoUtc(instantMs: number, fraction: string): string {
  const d = new Date(instantMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}Z`;
}

const wrongShape = (pattern: DatetimePattern): ParseResult => ({
  ok: false,
  reason: `is not a date and time written as ${pattern === 'excel-serial' ? 'an Excel day number' : pattern === 'unix-seconds' ? 'seconds since 1970' : pattern}`,
  hint: `Write it like ${DATETIME_EXAMPLES[pattern]}, or as 2024-12-31T14:05:00Z.`,
});

const IMPOSSIBLE_TIME: ParseResult = {
  ok: false,
  reason: 'has an impossible time of day',
  hint: 'Hours go from 00 to 23 (or 1 to 12 with AM/PM), minutes and seconds from 00 to 59.',
};

export function compileDatetimeReader(format: DatetimeFormat): (raw: string) => ParseResult {
  const pattern = format.pattern ?? 'YYYY-MM-DD HH:MM:SS';
  const zone = format.timeZone ?? 'UTC';
  const iso = VALUE_PARSERS.datetime;
  if (pattern === 'YYYY-MM-DD HH:MM:SS' && zone === 'UTC') return iso;

  /** A wall-clock time in the assumed zone → ISO in UTC. */
  const fromWallClock = (wallMs: number, fraction: string) => isoUtc(zonedWallClockToInstant(zone, wallMs), fraction);
  const readLayout = (order: Order, separator: string) => {
    const regex = layoutRegex(order, separator);
    return (text: string): ParseResult => {
      const match = regex.exec(text);
      if (!match) return wrongShape(pattern);
      const [, a = '', b = '', c = '', h, mi = '0', s = '0', fraction = '', meridiem, offset] = match;
      const [year, month, day] =
        order === 'YMD'
          ? [Number(a), Number(b), Number(c)]
          : order === 'DMY'
            ? [expandShortYear(c), Number(b), Number(a)]
            : [expandShortYear(c), Number(a), Number(b)];
      if (!isCalendarDate(year, month, day) || year > 9999) {
        return {
          ok: false,
          reason: 'is not a real calendar date',
          hint: 'Check the day and month: this day does not exist.',
        };
      }
      let hour = h === undefined ? 0 : Number(h);
      if (meridiem) {
        if (hour < 1 || hour > 12) return IMPOSSIBLE_TIME;
        hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
      }
      if (hour > 23 || Number(mi) > 59 || Number(s) > 59) return IMPOSSIBLE_TIME;
      const wall = wallClockMs(year, month, day, hour, Number(mi), Number(s));
      if (!offset) return { ok: true, value: fromWallClock(wall, fraction) };
      if (offset.toUpperCase() === 'Z') return { ok: true, value: isoUtc(wall, fraction) };
      const digits = offset.replace(':', '');
      const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
      if (minutes > 15 * 60) {
        return { ok: false, reason: 'has an impossible time zone offset', hint: 'Offsets go from -15:00 to +15:00.' };
      }
      return { ok: true, value: isoUtc(wall - (digits[0] === '-' ? -1 : 1) * minutes * 60_000, fraction) };
    };
  };
  // Layouts of numbers also read ISO 8601 text (what an export writes), in the column's zone.
  const readIso = readLayout('YMD', '-');

  if (pattern === 'YYYYMMDDHHMM') {
    // Météo-France's AAAAMMJJHHMN and many loggers' exports: digits only, seconds optional.
    return (raw) => {
      const text = raw.trim();
      const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{2})(\.\d{1,9})?)?$/.exec(text);
      if (!match) return /^\d{4}-/.test(text) ? readIso(text) : wrongShape(pattern);
      const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
      if (!isCalendarDate(year!, month!, day!)) {
        return {
          ok: false,
          reason: 'is not a real calendar date',
          hint: 'Check the day and month: this day does not exist.',
        };
      }
      if (hour! > 23 || minute! > 59 || second > 59) return IMPOSSIBLE_TIME;
      return {
        ok: true,
        value: fromWallClock(wallClockMs(year!, month!, day!, hour!, minute!, second), match[7] ?? ''),
      };
    };
  }
  if (pattern === 'unix-seconds') {
    return (raw) => {
      const text = raw.trim();
      const match = /^(-?\d{1,12})(\.\d{1,9})?$/.exec(text);
      if (!match) return /^\d{4}-/.test(text) ? readIso(text) : wrongShape(pattern);
      const ms = Number(match[1]) * 1000;
      if (Math.abs(ms) > 253_402_300_799_000) return wrongShape(pattern);
      return { ok: true, value: isoUtc(ms, match[2] ?? '') };
    };
  }
  if (pattern === 'excel-serial') {
    return (raw) => {
      const text = raw.trim();
      if (!/^\d{1,7}(\.\d+)?$/.test(text)) return /^\d{4}-/.test(text) ? readIso(text) : wrongShape(pattern);
      const serial = Number(text);
      if (serial < 1 || serial >= 2_958_466 || Math.floor(serial) === 60) return wrongShape(pattern);
      const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
      // Serials are fractions of a day with floating-point noise: rounded to the second, as Excel shows them.
      return { ok: true, value: fromWallClock(epoch + Math.round(serial * 86_400) * 1000, '') };
    };
  }
  const { order, separator } = ORDERS[pattern]!;
  const read = readLayout(order, separator);
  return (raw) => {
    const text = raw.trim();
    const result = read(text);
    return result.ok || order === 'YMD' || !/^\d{4}-/.test(text) ? result : readIso(text);
  };
}

/** ISO 8601 as stored (UTC) → the format's writing: the wall-clock time in the format's zone. */
export function compileDatetimeWriter(format: DatetimeFormat): (value: string) => string {
  const pattern = format.pattern ?? 'YYYY-MM-DD HH:MM:SS';
  const zone = format.timeZone ?? 'UTC';
  return (value) => {
    const instant = Date.parse(value);
    if (Number.isNaN(instant)) return value;
    const fraction = /\.(\d+)/.exec(value)?.[1]?.replace(/0+$/, '') ?? '';
    if (pattern === 'unix-seconds') return `${Math.floor(instant / 1000)}${fraction ? `.${fraction}` : ''}`;
    const wall = instantToZonedWallClock(zone, Math.floor(instant / 1000) * 1000);
    if (pattern === 'excel-serial') {
      const serial = (wall - Date.UTC(1899, 11, 30)) / DAY_MS;
      return String(Number((serial < 61 ? serial - 1 : serial).toFixed(6)));
    }
    const d = new Date(wall);
    const [y, m, day] = [pad(d.getUTCFullYear(), 4), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
    if (pattern === 'YYYYMMDDHHMM') {
      const seconds =
        d.getUTCSeconds() > 0 || fraction ? `${pad(d.getUTCSeconds())}${fraction ? `.${fraction}` : ''}` : '';
      return `${y}${m}${day}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${seconds}`;
    }
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction ? `.${fraction}` : ''}`;
    const { order, separator } = ORDERS[pattern]!;
    const date = (order === 'YMD' ? [y, m, day] : order === 'DMY' ? [day, m, y] : [m, day, y]).join(separator);
    return `${date} ${time}${zone === 'UTC' && pattern === 'YYYY-MM-DD HH:MM:SS' ? 'Z' : ''}`;
  };
}
