'use client';

import { useId, useState, type FormEvent, type ReactNode } from 'react';

export type DialogControl = {
  /** The dialog element's ref (a callback ref: the control is the same object on every render). */
  attach: (element: HTMLDialogElement | null) => void;
  /** Shows the dialog modal and puts the focus on its safe choice (or its first field). */
  open: () => void;
  close: () => void;
};

/** Opens and closes one ConfirmDialog. */
export function useDialog(): DialogControl {
  const [control] = useState<DialogControl>(() => {
    let element: HTMLDialogElement | null = null;
    return {
      attach: (dialog) => {
        element = dialog;
      },
      open() {
        if (!element) return;
        element.showModal();
        // showModal focuses the first focusable element (the action, in most dialogs): the safe choice instead.
        element.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
      },
      close: () => element?.close(),
    };
  });
  return control;
}

/**
 * A modal dialog that asks before something happens: a heading that labels it, what will happen,
 * then the action and Cancel. Being modal, the rest of the page is inert while it is open (focus
 * stays inside) and Escape closes it. With `onSubmit` its body is a form (fields, Enter submits)
 * and the action is the form's submit button; else the action calls `onConfirm`.
 */
export function ConfirmDialog(props: {
  dialog: DialogControl;
  title: ReactNode;
  /** The id of the element that says what will happen, when the dialog has one. */
  describedBy?: string;
  className?: string;
  children: ReactNode;
  confirmLabel: ReactNode;
  danger?: boolean;
  confirmDisabled?: boolean;
  onConfirm?: () => void;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** Open with the focus on Cancel (default); false: on the first field (an autoFocus in the children). */
  focusCancel?: boolean;
  /** The words of the safe choice, when "Cancel" would not say what it does (e.g. "Stay and continue"). */
  cancelLabel?: ReactNode;
  /** Called however the dialog closes: the action, Cancel or Escape. */
  onClose?: () => void;
}) {
  const titleId = useId();
  const { onSubmit, focusCancel = true } = props;
  const { attach, close } = props.dialog;
  const body = (
    <>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="row">
        <button
          type={onSubmit ? 'submit' : 'button'}
          className={props.danger ? 'danger' : 'primary'}
          onClick={onSubmit ? undefined : props.onConfirm}
          disabled={props.confirmDisabled}
        >
          {props.confirmLabel}
        </button>
        <button type="button" onClick={close} data-initial-focus={focusCancel || undefined}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
      </div>
    </>
  );
  return (
    <dialog
      ref={attach}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      className={props.className}
      onClose={props.onClose}
    >
      {onSubmit ? (
        <form className="stack" onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        <div className="stack">{body}</div>
      )}
    </dialog>
  );
}
