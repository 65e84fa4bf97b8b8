export const EVENTS = [
  { value: 'job.completed', label: 'A job completed' },
  { value: 'job.failed', label: 'A job failed' },
  { value: 'job.cancelled', label: 'A job was cancelled' },
  { value: 'list.purged', label: 'A list was purged' },
  { value: 'list.restored', label: 'A list was put back to an earlier version' },
] as const;

export type WebhookView = {
  id: string;
  url: string;
  description: string;
  events: string[];
  secret: string;
  enabled: boolean;
  consecutiveFailures: number;
  disabledTimeStamp: string | null;
  disabledReason: string | null;
};

export type DeliveryView = {
  id: string;
  messageId: string;
  eventType: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  durationMs: number | null;
  creationTimeStamp: string;
  lastAttemptTimeStamp: string | null;
  nextAttemptTimeStamp: string | null;
};
