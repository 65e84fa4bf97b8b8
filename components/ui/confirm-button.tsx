'use client';

import type { ReactNode } from 'react';

import { ConfirmDialog, useDialog } from './confirm-dialog';
import { ErrorMessage } from './error-message';
import { useDialogAction } from './use-dialog-action';

/**
 * A button that asks first: a modal dialog (focus kept inside, Escape cancels) says what will
 * happen; the action runs only on its confirm button, and a refusal is shown in the dialog.
 */
export function ConfirmButton(props: {
  label: string;
  /** The button's accessible name when `label` alone is ambiguous (e.g. in a table row). */
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
}) {
  const dialog = useDialog();
  const { error, busy, run, open } = useDialogAction(dialog);

  return (
    <>
      <button type="button" aria-label={props.ariaLabel} onClick={open}>
        {props.label}
      </button>
      <ConfirmDialog
        dialog={dialog}
        title={props.title}
        confirmLabel={props.confirmLabel}
        danger={props.danger}
        confirmDisabled={busy}
        onConfirm={() => void run(props.onConfirm)}
      >
        {props.children}
        <ErrorMessage error={error} />
      </ConfirmDialog>
    </>
  );
}
