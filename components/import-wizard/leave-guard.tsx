'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/**
 * Asks before the wizard is left with work in it: the browser's own question on reload, closing
 * the tab or typing an address (beforeunload), and this dialog on a click of any link of the app
 * (the menu, the header) — a client-side navigation the browser would not ask about.
 */
export function LeaveGuard({ active, what }: { active: boolean; what: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<string>();

  useEffect(() => {
    if (!active) return;
    function onBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    }
    function onClick(event: MouseEvent) {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      // Capture phase, before Next's Link handler: neither it nor the browser navigates.
      event.preventDefault();
      event.stopPropagation();
      setTarget(url.pathname + url.search + url.hash);
    }
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [active]);

  useEffect(() => {
    if (target && !dialog.current?.open) dialog.current?.showModal();
  }, [target]);

  function stay() {
    dialog.current?.close();
    setTarget(undefined);
  }

  function leave() {
    if (!target) return;
    dialog.current?.close();
    router.push(target);
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      onClose={() => setTarget(undefined)}
    >
      <div className="stack">
        <h2 id="leave-title" style={{ margin: 0 }}>
          Leave this import?
        </h2>
        <p id="leave-text">
          Nothing has been imported yet. {what} are kept in this browser: open this list&apos;s Import again to resume
          where you left off.
        </p>
        <div className="row">
          <button type="button" className="primary" autoFocus onClick={stay}>
            Stay and continue
          </button>
          <button type="button" onClick={leave}>
            Leave the import
          </button>
        </div>
      </div>
    </dialog>
  );
}
