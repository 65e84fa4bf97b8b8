'use client';

import { useState } from 'react';

import type { DialogControl } from './confirm-dialog';

/**
 * A dialog's action: one run at a time (`busy` disables its button), its refusal kept to show in
 * the dialog, and the dialog closed when it succeeds — before `then` (a navigation, a callback) runs.
 */
export function useDialogAction<E = unknown>(dialog: DialogControl) {
  const [error, setError] = useState<E>();
  const [busy, setBusy] = useState(false);

  async function run<T>(action: () => Promise<T>, then?: (result: T) => void): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const result = await action();
      dialog.close();
      then?.(result);
    } catch (e) {
      setError(e as E);
    } finally {
      setBusy(false);
    }
  }

  /** Opens the dialog afresh: a refusal from an earlier try is not shown again. */
  function open(): void {
    setError(undefined);
    dialog.open();
  }

  return { error, setError, busy, run, open };
}
