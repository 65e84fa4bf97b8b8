import { ApiClientError } from '@/lib/api/client';

import type { Envelope } from './envelope';
import type { DynamicOptions, Message } from './types';

/** Browser-side calls of the three custom-import operations. */

export type EvaluationPayload = {
  valid: boolean;
  messages: Message[];
  options?: DynamicOptions;
  columns?: string[];
  rows?: (string | number | boolean | null)[][];
  totalRows?: number;
  jobId?: string;
};

export type Operation = 'validate-input' | 'preview' | 'submit-job';

/**
 * Unlike apiFetch, a 400 here is an answer to read, not a failure: the envelope carries the
 * messages to show next to the inputs. Anything else that is not OK (403, 409, 413…) comes in the
 * API's error shape and is thrown as an ApiClientError, like apiFetch does.
 */
export async function postCustomImport(
  viewId: string,
  scriptId: string,
  operation: Operation,
  body: FormData,
): Promise<Envelope<EvaluationPayload>> {
  let response: Response;
  try {
    response = await fetch(
      `/api/v1/view/${encodeURIComponent(viewId)}/custom-import/${encodeURIComponent(scriptId)}/${operation}`,
      { method: 'POST', body },
    );
  } catch {
    throw new ApiClientError(
      0,
      'Listport cannot be reached.',
      'Check your connection; the server may be restarting. Try again in a moment.',
    );
  }
  const json = (await response.json().catch(() => undefined)) as
    (Envelope<EvaluationPayload> & { message?: string; remediation?: string; details?: string[] }) | undefined;
  if (json && (json.status === 'SUCCESS' || json.status === 'ERROR') && json.payload) return json;
  if (response.status === 401) throw new ApiClientError(401, 'Your session has ended.', 'Sign in again to continue.');
  throw new ApiClientError(
    response.status,
    json?.message ?? `The server answered ${response.status}.`,
    json?.remediation ?? 'Try again.',
    json?.details ?? [],
  );
}

/** The form's values as the multipart body: the file part under its input's name, the rest as JSON. */
export function toFormData(
  values: Record<string, unknown>,
  files: Record<string, File | undefined>,
  preview?: unknown,
): FormData {
  const form = new FormData();
  form.append('values', JSON.stringify(Object.entries(values).map(([name, value]) => ({ name, value }))));
  for (const [name, file] of Object.entries(files)) if (file) form.append(name, file, file.name);
  if (preview !== undefined) {
    const text = JSON.stringify(preview);
    // Multipart fields are capped at 64 KB; the server recomputes the preview anyway.
    if (text.length < 60_000) form.append('preview', text);
  }
  return form;
}
