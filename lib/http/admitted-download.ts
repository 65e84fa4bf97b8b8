import { env } from '@/lib/env';

import type { Ticket } from './admission';

/**
 * The body of a download made chunk by chunk while it holds a place in an admission queue (CSV
 * exports, error reports). The place is given back when the body ends, fails or is cancelled, and
 * a client that takes nothing for CSV_EXPORT_STALL_SECONDS has its download ended as incomplete, so
 * that paused downloads cannot hold the places for ever.
 *
 * When `chunks` fails, `lastChunk` may give a chunk that ends the download normally; otherwise the
 * stream is errored, and the server cuts the connection without the chunked encoding's last chunk,
 * which clients report as an incomplete transfer (curl exit 18, a browser's "failed" download): a
 * download cut short must never end as if complete.
 */
export function admittedDownloadBody({
  first,
  chunks,
  ticket,
  what,
  lastChunk,
}: {
  first: string;
  chunks: AsyncGenerator<string, unknown, undefined>;
  ticket: Ticket;
  /** What is downloaded, for the server's log, e.g. "CSV export of list …". */
  what: string;
  lastChunk?: (error: unknown) => string | undefined;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stallMs = env().CSV_EXPORT_STALL_SECONDS * 1000;
  let stall: NodeJS.Timeout | undefined;
  const finish = () => {
    clearTimeout(stall);
    ticket.release();
  };
  // Armed whenever a chunk waits for the client, cleared when the client takes it (the next pull).
  const awaitClient = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearTimeout(stall);
    stall = setTimeout(() => {
      console.error(`[api] ${what} ended: its client took nothing for ${stallMs / 1000} s`);
      finish();
      controller.error(new Error(`The client stopped reading the ${what}.`));
      // The generator waits at a yield (nothing is being read): return() closes what it reads from,
      // a cursor's connection or a file.
      chunks.return(undefined).catch(() => {});
    }, stallMs);
    stall.unref();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first));
      awaitClient(controller);
    },
    async pull(controller) {
      clearTimeout(stall);
      let next: IteratorResult<string, unknown>;
      try {
        next = await chunks.next();
      } catch (error) {
        finish();
        const last = lastChunk?.(error);
        if (last !== undefined) {
          controller.enqueue(encoder.encode(last));
          controller.close();
          return;
        }
        console.error(`[api] ${what} cut short:`, error);
        controller.error(error);
        return;
      }
      if (next.done) {
        finish();
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value));
      awaitClient(controller);
    },
    async cancel() {
      finish();
      await chunks.return(undefined);
    },
  });
}
