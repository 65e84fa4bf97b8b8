import type { Message } from './types';

/** The seed's response shape for custom-import operations: `{status, message, payload}`. */
export type Envelope<P> = { status: 'SUCCESS' | 'ERROR'; message: string; payload: P };

export function envelopeResponse<P>(
  status: Envelope<P>['status'],
  message: string,
  payload: P,
  httpStatus = 200,
): Response {
  return Response.json({ status, message, payload } satisfies Envelope<P>, { status: httpStatus });
}

/** A one-line summary of messages for the envelope's `message`. */
export function summarize(valid: boolean, messages: readonly Message[], success: string): string {
  if (valid) return success;
  const errors = messages.filter((m) => m.status === 'ERROR');
  return errors.length === 1
    ? `${errors[0]!.title}: ${errors[0]!.message}`
    : `${errors.length} problems need fixing before this custom import can run.`;
}
