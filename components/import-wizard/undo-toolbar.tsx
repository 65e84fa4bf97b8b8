'use client';

import { useEffect, useRef, type RefObject } from 'react';

import type { HistoryState } from '@/lib/import-session/undo-log';

/** Undo and redo buttons that say what they will undo or redo: "Undo replace “N/A” (285 cells)". */
export function UndoToolbar({
  history,
  onUndo,
  onRedo,
}: {
  history: HistoryState | undefined;
  onUndo: () => void;
  onRedo: () => void;
}) {
  return (
    <div className="row" role="group" aria-label="Undo and redo">
      <button type="button" onClick={onUndo} disabled={!history?.undo} aria-keyshortcuts="Control+Z">
        {history?.undo ? `Undo ${history.undo}` : 'Undo'}
      </button>
      <button type="button" onClick={onRedo} disabled={!history?.redo} aria-keyshortcuts="Control+Shift+Z Control+Y">
        {history?.redo ? `Redo ${history.redo}` : 'Redo'}
      </button>
      <span className="hint">Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes.</span>
    </div>
  );
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'tel', 'url', 'password', 'date']);

/** A field where Ctrl+Z is the browser's own text undo (an open cell editor, the find box). */
function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * Ctrl+Z (⌘Z) undoes and Ctrl+Shift+Z or Ctrl+Y redoes while focus is in the review step — or
 * nowhere, as after a dialog closes — but not in a text field, where the browser undoes typing.
 */
export function useUndoShortcuts(root: RefObject<HTMLElement | null>, onUndo: () => void, onRedo: () => void) {
  const handlers = useRef({ onUndo, onRedo });
  useEffect(() => {
    handlers.current = { onUndo, onRedo };
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented) return;
      const focused = document.activeElement;
      const inStep = focused === document.body || focused === null || Boolean(root.current?.contains(focused));
      if (!inStep || isTextField(focused)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) handlers.current.onUndo();
      else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) handlers.current.onRedo();
      else return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [root]);
}
