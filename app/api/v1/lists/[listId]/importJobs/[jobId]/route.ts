import { listJobRoute } from '@/lib/jobs/job-route';

const route = listJobRoute(['import', 'custom']);

export const GET = route.GET;

/** Cancels a pending or running import; nothing of it is loaded. A finished job is answered as it is. */
export const DELETE = route.DELETE;
