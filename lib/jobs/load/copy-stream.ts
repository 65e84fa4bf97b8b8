import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type postgres from 'postgres';

import { detectEncoding, type TextEncodingName } from '@/lib/csv/decode';

import { CopyFailed } from './load-failures';

/**
 * Waits for COPY to end. postgres.js drops a COPY error that arrives after end() (its stream then
 * never finishes), so while waiting a query is tried now and then: refused while COPY is still in
 * progress, it fails ("transaction is aborted") once a failed COPY is over.
 */
export async function copyFinished(tx: postgres.TransactionSql, copyDone: Promise<void>): Promise<void> {
  const done = copyDone.then(() => 'done' as const);
  for (;;) {
    const first = await Promise.race([done, new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 50))]);
    if (first === 'done') return;
    try {
      await tx.unsafe('select 1');
    } catch (error) {
      if ((error as { code?: string }).code === 'COPY_IN_PROGRESS') continue;
      throw new CopyFailed(`COPY failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await copyDone;
    return;
  }
}

/**
 * Passes chunks on while writing them to COPY (with its backpressure) as long as `when()` holds.
 * A UTF-8 file's own bytes go to COPY (UTF-8 is COPY's client encoding), sparing an encode of the
 * decoded text; other encodings send their decoded text.
 */
export async function* teeInto<T extends string | Uint8Array>(
  chunks: AsyncIterable<T>,
  copy: Writable,
  when: () => boolean,
): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    if (when() && !copy.write(chunk)) await once(copy, 'drain');
    yield chunk;
  }
}

/** Notes whether the file is UTF-8 from its first bytes (a UTF-16 file starts with a byte-order mark). */
export async function* noteEncoding(
  chunks: AsyncIterable<Uint8Array>,
  seen: { utf8?: boolean },
  encoding: TextEncodingName | undefined,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    seen.utf8 ??= (encoding ?? detectEncoding(chunk)) === 'utf-8';
    yield chunk;
  }
}
