'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';

/**
 * Asks before the wizard is left with work in it: the browser's own question on reload, closing
 * the tab or typing an address (beforeunload), and this dialog on a click of any link of the app
 * (the menu, the header) — a client-side navigation the browser would not ask about.
 */
export function LeaveGuard({ active, what }: { active: boolean; what: string }) {
  const router = useRouter();
  const dialog = useDialog();
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

  // While the dialog is open the page is inert: no other link can set another target meanwhile.
  useEffect(() => {
    if (target) dialog.open();
  }, [target, dialog]);

  function leave() {
    if (!target) return;
    dialog.close();
    router.push(target);
  }

  return (
    <ConfirmDialog
      dialog={dialog}
      title="Leave this import?"
      describedBy="leave-text"
      confirmLabel="Leave the import"
      cancelLabel="Stay and continue"
      onConfirm={leave}
      // Staying (the button or Escape) forgets the link, so the same link asks again.
      onClose={() => setTarget(undefined)}
    >
      <p id="leave-text">
        Nothing has been imported yet. {what} are kept in this browser: open this list&apos;s Import again to resume
        where you left off.
      </p>
    </ConfirmDialog>
  );
}
