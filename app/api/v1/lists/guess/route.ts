import fs from 'node:fs/promises';

import { guessOptions } from '@/lib/api-contract/lists';
import { workspaceIdsWithRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { listGuesses } from '@/lib/lists/server/guess/guess-admission';
import { guessInThread } from '@/lib/lists/server/guess/guess-in-thread';
import { missingFile, receiveUpload } from '@/lib/uploads/receive-upload';

/**
 * `POST /api/v1/lists/guess` — multipart `dataFile` (+ optional `delimiter`, `encoding`): proposes a
 * list for the file, judged on all of its rows. The `columns` answer is a valid `columns` for
 * POST /lists as it is; nothing is stored (the upload is deleted once read). The file is read in a
 * worker thread, a few at a time per process and per user (see listGuesses).
 */
export const POST = apiRoute(async ({ request, principal }) => {
  if (workspaceIdsWithRole(principal, 'admin').length === 0)
    throw ApiError.forbidden('Only workspace admins can create lists, so only they can have one proposed for a file.');
  // The user's place before the upload (a refused request stores nothing), the turn after it.
  const ticket = listGuesses.admit(principal.userId);
  try {
    const upload = await receiveUpload(request, { fileField: 'dataFile' });
    if (!upload.file) throw missingFile('dataFile');
    const file = upload.file;
    try {
      const options = guessOptions.parse(upload.fields);
      // A client that left while it waited never has its file checked.
      await ticket.turn(request.signal);
      const guess = await guessInThread({ path: file.path, options });
      return Response.json({ name: file.fileName.replace(/\.[^.]+$/, '').slice(0, 200), ...guess });
    } finally {
      await fs.rm(file.path, { force: true });
    }
  } finally {
    ticket.release();
  }
});
