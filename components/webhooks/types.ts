export const EVENTS = [
  { value: 'job.completed', label: 'A job completed' },
  { value: 'job.failed', label: 'A job failed' },
  { value: 'job.cancelled', label: 'A job was cancelled' },
  { value: 'list.purged', label: 'A list was purged' },
  { value: 'list.restored', label: 'A list was put back to an earlier version' },
] as const;
