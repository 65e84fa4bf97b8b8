'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';

import { ErrorMessage } from '@/components/ui/error-message';
import { queryKeys } from '@/lib/api/query-keys';
import { listWebhooks } from '@/lib/api/webhooks';

import { AddWebhookForm } from './add-webhook-form';
import { WebhookCard } from './webhook-card';

export function WebhooksPanel(props: { workspaceId: string; workspaceName: string }) {
  const queryClient = useQueryClient();
  const key = queryKeys.webhooks(props.workspaceId);
  const hooks = useQuery({
    queryKey: key,
    queryFn: () => listWebhooks(props.workspaceId),
    // An endpoint can be switched off by failures while the page is open: its notice should appear.
    refetchInterval: 10_000,
  });

  return (
    <div className="stack">
      <h1>Webhooks</h1>
      <p>
        Tell another system when a job of workspace “{props.workspaceName}” ends: Listport POSTs the job to each
        endpoint below, signed so the receiver can check it came from here, and tries again for 24 hours if the receiver
        does not accept it.
      </p>
      <ErrorMessage error={hooks.error} />
      {hooks.data?.items.map((hook) => (
        <WebhookCard key={hook.id} workspaceId={props.workspaceId} hook={hook} />
      ))}
      {hooks.data && hooks.data.items.length === 0 && <p className="muted">No endpoints yet.</p>}
      <AddWebhookForm
        workspaceId={props.workspaceId}
        onAdded={() => void queryClient.invalidateQueries({ queryKey: key })}
      />
    </div>
  );
}
