import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';

import { ApiError } from '@/lib/errors';
import { attachmentDisposition } from '@/lib/http/attachment';
import { recordDownload } from '@/lib/http/download-audit';
import { apiRoute } from '@/lib/http/handler';
import { loadJobFor } from '@/lib/jobs/load-job';

type Params = { listId: string; jobId: string };

/** The file that was loaded (the uploaded `dataFile`), streamed back as it was received. */
export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const job = await loadJobFor(principal, params.jobId, 'viewer', { listId: params.listId });
  const stat = job.filePath ? await fs.stat(job.filePath).catch(() => undefined) : undefined;
  if (!job.filePath || !stat) throw ApiError.notFound('The loaded file of this job');
  await recordDownload(principal, {
    workspaceId: job.workspaceId,
    action: 'job.file.download',
    targetType: 'job',
    targetId: job.id,
    detail: { fileName: job.fileName, listId: job.listId },
  });
  const body = Readable.toWeb(createReadStream(job.filePath)) as ReadableStream;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(stat.size),
      'content-disposition': attachmentDisposition(job.fileName ?? 'upload.csv'),
      'x-content-type-options': 'nosniff',
    },
  });
});
