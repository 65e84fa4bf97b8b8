'use client';

import { useSyncExternalStore } from 'react';

/** "2024-12-31 17:30:05 UTC": the exact instant, as the server knows it. */
export function utcWords(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

const subscribeNever = () => () => {};

/**
 * A time in the reader's own time zone, with the UTC instant on hover (title) and, for screen
 * readers and whoever cannot hover, in words after it. The server renders UTC (it cannot know the
 * reader's zone); the browser switches to local time once it runs.
 */
export function LocalTime({
  value,
  dateOnly = false,
}: {
  value: Date | string | null | undefined;
  dateOnly?: boolean;
}) {
  const inBrowser = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  if (!value) return <>—</>;
  const date = new Date(value);
  const utc = utcWords(date);
  if (!inBrowser) return <time dateTime={date.toISOString()}>{utc}</time>;
  const local = date.toLocaleString(undefined, {
    dateStyle: 'medium',
    ...(!dateOnly && { timeStyle: 'short' }),
  });
  return (
    <time dateTime={date.toISOString()} title={utc}>
      {local}
      <span className="sr-only"> ({utc})</span>
    </time>
  );
}
