import type { Problem } from '@/lib/csv/problem';

/** The file has problems: nothing loads, and the job reports them (see explainFailures). */
export class ValidationFailed extends Error {
  constructor(
    readonly problems: Problem[],
    readonly rowsRead: number,
    readonly stoppedAtThreshold: boolean,
  ) {
    super('validation failed');
  }
}

/** COPY of the file's text failed (PostgreSQL refused a value): the stage path says which row. */
export class CopyFailed extends Error {}
