'use client';

import { useId, useState } from 'react';

import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';

const WORD = 'REPLACE';

/**
 * Replace removes every record the file does not have: one ordinary click must not do that. The
 * button opens a dialog naming how many records go; its action works once the user types REPLACE.
 */
export function ReplaceConfirm(props: {
  listName: string;
  rowsToLoad: number;
  recordsRemoved: number;
  disabled: boolean;
  onConfirm: () => void;
}) {
  const dialog = useDialog();
  const id = useId();
  const [typed, setTyped] = useState('');
  const removed = `${props.recordsRemoved.toLocaleString('en-US')} ${props.recordsRemoved === 1 ? 'record' : 'records'}`;
  const confirmed = typed.trim() === WORD;
  const rows = `${props.rowsToLoad.toLocaleString('en-US')} ${props.rowsToLoad === 1 ? 'row' : 'rows'}`;
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={props.disabled}
        onClick={() => {
          setTyped('');
          dialog.open();
        }}
      >
        Replace “{props.listName}” with {rows}…
      </button>
      <ConfirmDialog
        dialog={dialog}
        title={`Replace all of “${props.listName}”?`}
        describedBy={`${id}-what`}
        confirmLabel={props.recordsRemoved > 0 ? `Remove ${removed} and replace` : 'Replace the list'}
        danger
        confirmDisabled={!confirmed}
        onSubmit={(event) => {
          event.preventDefault();
          if (!confirmed) return;
          dialog.close();
          props.onConfirm();
        }}
        focusCancel={false}
      >
        <p id={`${id}-what`}>
          {props.recordsRemoved > 0 ? (
            <>
              <strong>{removed}</strong> of “{props.listName}” that are not in this file will be removed.
            </>
          ) : (
            <>No record of “{props.listName}” is removed: every one is in this file.</>
          )}{' '}
          The list will hold exactly the {rows} of the file. This cannot be undone.
        </p>
        <div className="field">
          <label htmlFor={`${id}-word`}>Type {WORD} to confirm</label>
          <input
            id={`${id}-word`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
        </div>
      </ConfirmDialog>
    </>
  );
}
