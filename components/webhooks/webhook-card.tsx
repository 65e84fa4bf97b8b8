'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { ConfirmButton } from '@/components/ui/confirm-button';
import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { queryKeys } from '@/lib/api/query-keys';
import { deleteWebhook, testWebhook, updateWebhook, type Webhook } from '@/lib/api/webhooks';

import { DeliveryLog } from './delivery-log';
import { EVENTS } from './types';

const EVENT_LABELS = new Map<string, string>(EVENTS.map((e) => [e.value, e.label]));

/** One endpoint: its state (with the notice when it was switched off), secret, actions and delivery log. */
export function WebhookCard(props: { workspaceId: string; hook: Webhook }) {
  const { hook } = props;
  const id = useId();
  const queryClient = useQueryClient();
  const [showSecret, setShowSecret] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(props.workspaceId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(props.workspaceId, hook.id) }),
    ]);
  const change = useMutation({
    mutationFn: (body: { enabled?: boolean; rotateSecret?: boolean }) =>
      updateWebhook(props.workspaceId, hook.id, body),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: () => testWebhook(props.workspaceId, hook.id),
    onSuccess: refresh,
  });

  return (
    <section className="card stack" aria-labelledby={`${id}-url`}>
      <div className="row">
        <h2 id={`${id}-url`} style={{ wordBreak: 'break-all', margin: 0 }}>
          {hook.url}
        </h2>
        <span className={`badge ${hook.enabled ? 'completed' : 'cancelled'}`}>{hook.enabled ? 'on' : 'off'}</span>
      </div>
      {hook.description && <p>{hook.description}</p>}
      {!hook.enabled && hook.disabledReason && (
        <div className="alert error" role="alert">
          <strong>This endpoint was switched off</strong> on <LocalTime value={hook.disabledTimeStamp} />:{' '}
          {hook.disabledReason} Nothing is sent to it until you switch it on again. The deliveries below say what went
          wrong and what to do; once the receiver answers with a success status (200–299) within 10 seconds, switch it
          on, and the waiting events are sent.
        </div>
      )}
      {hook.enabled && hook.consecutiveFailures > 0 && (
        <div className="alert" role="status">
          The last {hook.consecutiveFailures} {hook.consecutiveFailures === 1 ? 'attempt' : 'attempts'} failed; failed
          deliveries are tried again for 24 hours.
        </div>
      )}
      <p>
        Sends:{' '}
        {hook.events.map((e, i) => (
          <span key={e}>
            {i > 0 && ', '}
            {EVENT_LABELS.get(e) ?? e}
          </span>
        ))}
      </p>
      <div className="field">
        <span id={`${id}-secret-label`}>Signing secret</span>
        <div className="row">
          <code aria-labelledby={`${id}-secret-label`} style={{ wordBreak: 'break-all' }}>
            {showSecret ? hook.secret : 'whsec_••••••••••••••••'}
          </code>
          <button type="button" onClick={() => setShowSecret((s) => !s)} aria-pressed={showSecret}>
            {showSecret ? 'Hide secret' : 'Show secret'}
          </button>
        </div>
        <p className="hint">
          Verify each call’s <code>webhook-signature</code> header with this secret (Standard Webhooks; see the API
          reference).
        </p>
      </div>
      <ErrorMessage error={change.error ?? test.error} />
      <div className="row">
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending || !hook.enabled}>
          Send a test event
        </button>
        <button type="button" onClick={() => change.mutate({ enabled: !hook.enabled })} disabled={change.isPending}>
          {hook.enabled ? 'Switch off' : 'Switch on'}
        </button>
        <ConfirmButton
          label="New secret"
          title="Make a new signing secret?"
          confirmLabel="Make a new secret"
          onConfirm={() => change.mutateAsync({ rotateSecret: true })}
        >
          The current secret stops working at once: the receiver must use the new one to verify calls.
        </ConfirmButton>
        <ConfirmButton
          label="Remove"
          ariaLabel={`Remove the endpoint ${hook.url}`}
          title="Remove this endpoint?"
          confirmLabel="Remove endpoint"
          danger
          onConfirm={async () => {
            await deleteWebhook(props.workspaceId, hook.id);
            await refresh();
          }}
        >
          Nothing more is sent to {hook.url}, and its delivery log is deleted.
        </ConfirmButton>
      </div>
      <h3>Deliveries</h3>
      <DeliveryLog workspaceId={props.workspaceId} webhookId={hook.id} url={hook.url} enabled={hook.enabled} />
    </section>
  );
}
