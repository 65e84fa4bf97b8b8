'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import { listAuditEvents } from '@/lib/api/admin';
import { queryKeys } from '@/lib/api/query-keys';
import { auditSentence } from '@/lib/audit/audit-sentence';

/** Who created, cancelled, purged or changed what, newest first. */
export function AuditPanel() {
  const events = useQuery({
    queryKey: queryKeys.audit(),
    queryFn: listAuditEvents,
  });
  return (
    <section className="card stack" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <ErrorMessage error={events.error} />
      {events.data && events.data.items.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {events.data && events.data.items.length > 0 && (
        <ScrollTable label="Recorded events">
          <table aria-labelledby="audit-heading">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {events.data.items.slice(0, 100).map((e) => (
                <tr key={e.id}>
                  <td>
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
      )}
    </section>
  );
}
