'use client';

import { useSyncExternalStore } from 'react';

const subscribeNever = () => () => {};

/**
 * The reader's time zone, sent with the jobs filter: its From and To are days as the reader's
 * calendar has them (the times in the table are the reader's), which the server cannot know alone.
 */
export function ReaderZoneField() {
  const zone = useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => '',
  );
  return <input type="hidden" name="tz" value={zone} />;
}
