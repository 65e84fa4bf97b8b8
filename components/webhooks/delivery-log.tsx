'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import { queryKeys } from '@/lib/api/query-keys';
import { listDeliveries, resendDelivery, type WebhookDelivery } from '@/lib/api/webhooks';

import { deliveryProblemWords } from './delivery-words';

const STATE_WORDS: Record<WebhookDelivery['state'], string> = {
  pending: 'waiting',
  delivered: 'delivered',
  failed: 'gave up',
};
const BADGE: Record<WebhookDelivery['state'], string> = {
  pending: 'pending',
  delivered: 'completed',
  failed: 'failed',
};

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** The endpoint's last deliveries, refreshed while some are still waiting, each with "Send again". */
export function DeliveryLog(props: { workspaceId: string; webhookId: string; url: string; enabled: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.webhookDeliveries(props.workspaceId, props.webhookId);
  const log = useQuery({
    queryKey: key,
    queryFn: () => listDeliveries(props.workspaceId, props.webhookId, 20),
    refetchInterval: (query) =>
      props.enabled && query.state.data?.items.some((d) => d.state === 'pending') ? 2000 : false,
  });
  const resend = useMutation({
    mutationFn: (deliveryId: string) => resendDelivery(props.workspaceId, props.webhookId, deliveryId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  if (log.isPending) return <p className="muted">Loading deliveries…</p>;
  if (log.error) return <ErrorMessage error={log.error} />;
  const items = log.data.items;
  if (items.length === 0) {
    return <p className="muted">Nothing sent yet. Send a test event to check the endpoint.</p>;
  }
  return (
    <div className="stack">
      <ErrorMessage error={resend.error} />
      <ScrollTable label={`Deliveries to ${props.url}`}>
        {/* On a phone each delivery is a block of labelled lines (blocks-on-phone): its explanation at the screen's width. */}
        <table className="deliveries blocks-on-phone">
          <caption className="sr-only">Deliveries to {props.url}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Answer</th>
              <th scope="col">Time taken</th>
              <th scope="col">Tries</th>
              <th scope="col">Next try</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td data-label="Event">
                  <code>{d.eventType}</code>
                  <br />
                  <span className="muted">
                    <LocalTime value={d.creationTimeStamp} />
                  </span>
                </td>
                <td data-label="Status">
                  <span className={`badge ${BADGE[d.state]}`}>{STATE_WORDS[d.state]}</span>
                </td>
                <td className="delivery-answer" data-label="Answer">
                  {d.state === 'delivered' || d.attempts === 0 ? (
                    (d.responseStatus ?? '—')
                  ) : (
                    <>
                      {deliveryProblemWords(d)}
                      {d.responseStatus !== null && d.responseExcerpt && (
                        <>
                          <br />
                          <span className="muted">It said: “{d.responseExcerpt.slice(0, 120)}”</span>
                        </>
                      )}
                    </>
                  )}
                </td>
                <td data-label="Time taken">{d.durationMs === null ? '—' : `${d.durationMs} ms`}</td>
                <td data-label="Tries">{d.attempts}</td>
                <td data-label="Next try">
                  {d.state !== 'pending' ? (
                    '—'
                  ) : props.enabled ? (
                    <LocalTime value={d.nextAttemptTimeStamp} />
                  ) : (
                    'when switched on'
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => resend.mutate(d.id)}
                    disabled={resend.isPending}
                    aria-label={`Send ${d.eventType} of ${when(d.creationTimeStamp)} again`}
                  >
                    Send again
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}
