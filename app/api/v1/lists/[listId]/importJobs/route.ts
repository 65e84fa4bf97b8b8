import fs from 'node:fs/promises';

import { findJobs } from '@/db/queries/jobs/job-reads';
import { listJobsQuery } from '@/lib/api-contract/jobs';
import { readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { jobCollectionItems, jobPath, toJobResource } from '@/lib/jobs/resource';
import { assertListAcceptsJobs, importOptionsSchema, resolveDelimiter, submitImportJob } from '@/lib/jobs/submit';
import { loadListFor } from '@/lib/lists/server/access';
import { missingFile, receiveUpload } from '@/lib/uploads/receive-upload';

type Params = { listId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const query = readQuery(request, listJobsQuery);
  // Custom imports load a list like CSV imports do, so they belong to its import history.
  const { items, count } = await findJobs(
    {
      workspaceIds: [list.workspaceId],
      listId: list.id,
      kind: ['import', 'custom'],
      ...(query.state && { state: query.state }),
    },
    query,
  );
  return Response.json(collection(request, await jobCollectionItems(items), query, count));
});

/**
 * Multipart `dataFile` (+ delimiter, mode, errorThreshold) → 202 with the job and its Location.
 * The import wizard also sends `originalFile` (the file the person chose, which `dataFile` was made
 * from), `browserFixes` (what they changed) and, when it left rows with problems out, `leftOutRows`
 * (those rows as a CSV saying what is wrong in each): the job keeps every file.
 */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  await assertListAcceptsJobs(await loadListFor(principal, params.listId, 'editor'));
  const upload = await receiveUpload(request, {
    fileField: 'dataFile',
    optionalFileFields: ['originalFile', 'leftOutRows'],
  });
  const { originalFile: original, leftOutRows: leftOut } = upload.extraFiles;
  const received = [upload.file, original, leftOut].flatMap((f) => (f ? [f.path] : []));
  try {
    if (!upload.file) throw missingFile('dataFile');
    // An upload takes a while: the list may have been deleted (or changed) meanwhile.
    const list = await loadListFor(principal, params.listId, 'editor');
    const options = await resolveDelimiter(importOptionsSchema.parse(upload.fields), upload.file.path);
    const job = await submitImportJob(principal, list, upload.file, options, { original, leftOut });
    return Response.json(toJobResource(job, []), { status: 202, headers: { location: jobPath(job) } });
  } catch (error) {
    // Refused (bad options, busy list) or failed (database gone): no job owns the files, so they go.
    await Promise.all(received.map((p) => fs.rm(p, { force: true })));
    throw error;
  }
});
