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
 * grows, and the page (and the server) never reads it whole. Each older page is asked for by the id
 * of the last entry read (`before`), not by a count from the newest: events others record meanwhile
 * neither repeat an entry on the next page nor skip one. A table at laptop width; on a phone each
 * entry is a compact block, its time on a line of its own above what happened (globals.css).
 */
export function AuditPanel() {
  // The `before` of each older page the reader went to, in order: empty on the newest page, and
  // "Newer" goes back to exactly the page read before.
  const [trail, setTrail] = useState<number[]>([]);
  const before = trail.at(-1);
  const events = useQuery({
    queryKey: queryKeys.audit(before ?? 'newest'),
    // Where the page is in the log, kept with it: while the next page loads, the range said is still
    // the shown page's. Every page passed was a full one.
    queryFn: async () => ({ ...(await listAuditEvents({ before, limit: PAGE })), skipped: trail.length * PAGE }),
    placeholderData: keepPreviousData,
  });
  const newerRef = useRef<HTMLButtonElement>(null);
  const olderRef = useRef<HTMLButtonElement>(null);
  const shown = events.data?.items ?? [];
  const first = events.data?.skipped ?? 0;
  const last = first + shown.length;
  // `count` is how many entries there are from the shown page on.
  const total = first + (events.data?.count ?? 0);
  const nextBefore = events.data?.nextBefore;

  function newer() {
    setTrail(trail.slice(0, -1));
    // The button pressed is disabled at either end of the log: the focus moves to the one that still works.
    if (trail.length === 1) olderRef.current?.focus();
  }

  function older(from: number) {
    setTrail([...trail, from]);
    if (last + PAGE >= total) newerRef.current?.focus();
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
            <button ref={newerRef} type="button" onClick={newer} disabled={trail.length === 0}>
              ← Newer entries
            </button>
            <button
              ref={olderRef}
              type="button"
              // While the next page loads, the page shown is still the one before: a second press waits for it.
              onClick={() => nextBefore !== undefined && !events.isPlaceholderData && older(nextBefore)}
              disabled={nextBefore === undefined}
            >
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
