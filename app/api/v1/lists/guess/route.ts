import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';

import { guessOptions } from '@/lib/api-contract/lists';
import { workspaceIdsWithRole } from '@/lib/auth/principal';
import { FileReadError } from '@/lib/csv/decode';
import { RecordTooLongError } from '@/lib/csv/record-stream';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { guessFile } from '@/lib/lists/guess/guess-file';
import { missingFile, receiveUpload } from '@/lib/uploads/receive-upload';

/**
 * `POST /api/v1/lists/guess` — multipart `dataFile` (+ optional `delimiter`, `encoding`): proposes a
 * list for the file, judged on all of its rows. The `columns` answer is a valid `columns` for
 * POST /lists as it is; nothing is stored (the upload is deleted once read).
 */
export const POST = apiRoute(async ({ request, principal }) => {
  if (workspaceIdsWithRole(principal, 'admin').length === 0)
    throw ApiError.forbidden('Only workspace admins can create lists, so only they can have one proposed for a file.');
  const upload = await receiveUpload(request, { fileField: 'dataFile' });
  if (!upload.file) throw missingFile('dataFile');
  const file = upload.file;
  try {
    const options = guessOptions.parse(upload.fields);
    const guess = await guessFile(() => createReadStream(file.path, { highWaterMark: 1024 * 1024 }), options);
    return Response.json({ name: file.fileName.replace(/\.[^.]+$/, '').slice(0, 200), ...guess });
  } catch (error) {
    if (error instanceof FileReadError || error instanceof RecordTooLongError)
      throw ApiError.badRequest(error.problem.message, error.problem.remediation);
    throw error;
  } finally {
    await fs.rm(file.path, { force: true });
  }
});
