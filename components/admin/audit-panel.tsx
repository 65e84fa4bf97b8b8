'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef, useState } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import { listAuditEvents } from '@/lib/api/admin';
import { queryKeys } from '@/lib/api/query-keys';
import { auditSentence } from '@/lib/audit/audit-sentence';

const PAGE = 50;

/**
 * Who created, cancelled, purged or changed what, newest first, 50 entries at a time: the log only
 * grows, and the page (and the server) never reads it whole. A table at laptop width; on a phone
 * each entry is a compact block, its time on a line of its own above what happened (globals.css).
 */
export function AuditPanel() {
  const [start, setStart] = useState(0);
  const events = useQuery({
    queryKey: queryKeys.audit(start),
    queryFn: () => listAuditEvents({ start, limit: PAGE }),
    placeholderData: keepPreviousData,
  });
  const newerRef = useRef<HTMLButtonElement>(null);
  const olderRef = useRef<HTMLButtonElement>(null);
  const total = events.data?.count ?? 0;
  const shown = events.data?.items ?? [];
  const first = events.data?.start ?? start;
  const last = first + shown.length;

  function go(to: number) {
    setStart(to);
    // The button pressed is disabled at either end of the log: the focus moves to the one that still works.
    if (to === 0) olderRef.current?.focus();
    else if (to + PAGE >= total) newerRef.current?.focus();
  }

  const n = (count: number) => count.toLocaleString('en-US');
  return (
    <section className="card stack" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <ErrorMessage error={events.error} />
      {!events.data && !events.error && <p role="status">Loading the audit log…</p>}
      {events.data && total === 0 && <p className="muted">Nothing recorded yet.</p>}
      {events.data && total > 0 && (
        <>
          <div className="row" role="group" aria-label="Pages of the audit log">
            {/* Announced when a page turns (the focus stays on the button), but not a status region: the
                admin page keeps one, for what its actions did. */}
            <span className="hint" aria-live="polite" aria-atomic="true">
              {shown.length === 0
                ? `No entries here: the log has ${n(total)}.`
                : `Entries ${n(first + 1)}–${n(last)} of ${n(total)}, newest first`}
            </span>
            <span className="spacer" />
            <button ref={newerRef} type="button" onClick={() => go(Math.max(0, start - PAGE))} disabled={start === 0}>
              ← Newer entries
            </button>
            <button ref={olderRef} type="button" onClick={() => go(start + PAGE)} disabled={start + PAGE >= total}>
              Older entries →
            </button>
          </div>
          <ScrollTable label="Recorded events">
            <table
              className="audit-log blocks-on-phone"
              aria-labelledby="audit-heading"
              aria-busy={events.isPlaceholderData || undefined}
            >
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What happened</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr key={e.id}>
                    <td className="audit-when">
                      <LocalTime value={e.createdAt} />
                    </td>
                    <td>
                      {e.targetType === 'job' && e.about?.job ? (
                        <Link href={`/jobs/${e.targetId}`}>{auditSentence(e)}</Link>
                      ) : (
                        auditSentence(e)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
