'use client';

import { useSyncExternalStore } from 'react';

/** The width under which globals.css lays pages out for a phone. */
export const NARROW = '(max-width: 760px)';

/**
 * Whether the window is phone-narrow: there a closed select is cut at the screen's edge, so its
 * options read short and the chosen one is written out in full under it (the import wizard's
 * "How the file writes" and "How to load" selects). False on the server, which cannot know.
 */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
