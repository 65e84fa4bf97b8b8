'use client';

import { useId, useRef, useState, type ReactNode } from 'react';

import { ErrorMessage } from './error-message';

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
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      dialog.current?.close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        aria-label={props.ariaLabel}
        onClick={() => {
          setError(undefined);
          dialog.current?.showModal();
          // The safe choice has the focus (showModal would pick the first button: the action).
          cancel.current?.focus();
        }}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId}>
        <div className="stack">
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
          <ErrorMessage error={error} />
          <div className="row">
            <button
              type="button"
              className={props.danger ? 'danger' : 'primary'}
              onClick={() => void confirm()}
              disabled={busy}
            >
              {props.confirmLabel}
            </button>
            <button ref={cancel} type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
