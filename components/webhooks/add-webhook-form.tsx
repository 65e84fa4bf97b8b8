'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { createWebhook, type Webhook } from '@/lib/api/webhooks';

import { EVENTS } from './types';

/** One checkbox line: the event in words, then its name as the API and the receiver see it. */
const EVENT_LINE = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: '0.5rem',
  fontWeight: 'normal',
  margin: '0.25rem 0',
} as const;

/** URL, a description and the events: the secret is made by the server and shown with the endpoint. */
export function AddWebhookForm(props: { workspaceId: string; onAdded: (hook: Webhook) => void }) {
  const id = useId();
  const create = useMutation({
    mutationFn: (body: Parameters<typeof createWebhook>[1]) => createWebhook(props.workspaceId, body),
    onSuccess: props.onAdded,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      {
        url: String(data.get('url')),
        description: String(data.get('description') ?? ''),
        // The checkboxes' values are the events of EVENTS.
        events: data.getAll('events').map(String) as Webhook['events'],
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add an endpoint</h2>
      <div className="field">
        <label htmlFor={`${id}-url`}>URL</label>
        <input
          id={`${id}-url`}
          name="url"
          type="url"
          required
          placeholder="https://example.com/listport-events"
          aria-describedby={`${id}-url-hint`}
        />
        <p id={`${id}-url-hint`} className="hint">
          Listport POSTs each event here as JSON, signed with the endpoint’s secret. It must be an https address
          reachable from the internet.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description (optional)</label>
        <input id={`${id}-description`} name="description" maxLength={200} placeholder="e.g. CRM sync" />
      </div>
      <fieldset>
        <legend>Events to send</legend>
        {EVENTS.map((event) => (
          <label key={event.value} style={EVENT_LINE}>
            <input type="checkbox" name="events" value={event.value} defaultChecked={event.value !== 'job.cancelled'} />
            <span>{event.label}</span>
            <code className="muted">{event.value}</code>
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={create.error} />
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
    </form>
  );
}
