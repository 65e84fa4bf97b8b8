/**
 * Wall-clock times in a named zone (IANA: Europe/Paris, America/New_York…) ↔ instants, with the
 * time-zone database the JavaScript engine ships (Intl), so the browser and the server agree.
 */

export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Milliseconds since 1970 of a wall-clock time read as UTC; years below 100 are years, not 19xx. */
export function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

const offsetCache = new Map<string, Map<number, number>>();
const CACHE_BUCKET_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 50_000;

/** The zone's offset from UTC, in milliseconds, at an instant (whole seconds). */
export function zoneOffsetMs(zone: string, instantMs: number): number {
  // Since 1970 offsets change on quarter hours: cache them per quarter hour (a file's times repeat).
  const cacheable = instantMs >= 0 && instantMs % CACHE_BUCKET_MS === 0;
  let cache = offsetCache.get(zone);
  if (cacheable && cache) {
    const hit = cache.get(instantMs / CACHE_BUCKET_MS);
    if (hit !== undefined) return hit;
  }
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const bc = parts.find((p) => p.type === 'era')?.value === 'BC';
  const wall = wallClockMs(
    bc ? 1 - get('year') : get('year'),
    get('month'),
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const offset = wall - Math.floor(instantMs / 1000) * 1000;
  if (cacheable) {
    if (!cache) offsetCache.set(zone, (cache = new Map()));
    if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
    cache.set(instantMs / CACHE_BUCKET_MS, offset);
  }
  return offset;
}

/** The offset at an instant, looked up through the quarter hour that holds it (offsets change on quarter hours). */
function offsetAt(zone: string, instantMs: number): number {
  const bucket = Math.floor(instantMs / CACHE_BUCKET_MS) * CACHE_BUCKET_MS;
  return instantMs >= 0 ? zoneOffsetMs(zone, bucket) : zoneOffsetMs(zone, instantMs);
}

/**
 * The instant of a wall-clock time in a zone. Like Temporal's "compatible" choice: a time that occurs
 * twice (clocks set back) is the earlier one; a time that never occurs (clocks set forward) is read
 * with the offset before the change, i.e. moved forward by the gap — what most systems do.
 */
export function zonedWallClockToInstant(zone: string, wallMs: number): number {
  if (zone === 'UTC') return wallMs;
  const day = 86_400_000;
  const before = offsetAt(zone, wallMs - day);
  const after = offsetAt(zone, wallMs + day);
  const fits = [before, after].filter((offset) => offsetAt(zone, wallMs - offset) === offset);
  if (fits.length === 0) return wallMs - before;
  return Math.min(...fits.map((offset) => wallMs - offset));
}

/** The wall-clock time (as milliseconds read as UTC) of an instant in a zone. */
export function instantToZonedWallClock(zone: string, instantMs: number): number {
  return zone === 'UTC' ? instantMs : instantMs + offsetAt(zone, instantMs);
}
