import { listJobRoute } from '@/lib/jobs/job-route';

const route = listJobRoute(['restore']);

export const GET = route.GET;

/** Cancels a pending or running restore; the list stays as it was. A finished job is answered as it is. */
export const DELETE = route.DELETE;
