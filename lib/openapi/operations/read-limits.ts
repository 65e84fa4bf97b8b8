import { errorSchema } from '@/lib/api-contract/common';

import type { OperationResponse } from '../operation';

const RETRY_AFTER = { 'retry-after': 'Seconds to wait before sending the request again.' };

/** The refusals a script paging or exporting records in parallel must handle (lib/http/admission.ts). */
const refusals = (share: string): Record<number, OperationResponse> => ({
  429: {
    description: `This user already has ${share} running or waiting: send fewer at once, or this one again after Retry-After (errorCode 42900).`,
    schema: errorSchema,
    headers: RETRY_AFTER,
  },
  503: {
    description:
      'The server is busy with others’ reads (50300, with Retry-After), or the read ran longer than API_READ_TIMEOUT_SECONDS and was stopped (50301 readTooLong: ask for fewer records — a filter, sorting by the key, an earlier page).',
    schema: errorSchema,
    headers: RETRY_AFTER,
  },
});

export const RECORD_READ_DESCRIPTION =
  'A read of records: at most API_READS_PER_USER (6) of a user’s run or wait at once (more get 429 with Retry-After), and each is stopped after API_READ_TIMEOUT_SECONDS (20; 503 readTooLong).';
export const RECORD_READ_REFUSALS = refusals('API_READS_PER_USER (6) reads of records');

export const CSV_EXPORT_DESCRIPTION =
  'At most CSV_EXPORTS_PER_USER (2) of a user’s downloads stream or wait at once (more get 429 with Retry-After); not bounded by API_READ_TIMEOUT_SECONDS. A client that takes nothing for CSV_EXPORT_STALL_SECONDS (30) has the download ended as incomplete.';
export const CSV_EXPORT_REFUSALS: Record<number, OperationResponse> = {
  429: {
    description:
      'This user already has CSV_EXPORTS_PER_USER (2) downloads running or waiting: download fewer at once, or this one again after Retry-After (errorCode 42900).',
    schema: errorSchema,
    headers: RETRY_AFTER,
  },
  503: {
    description: 'The server is busy with other downloads: retry after Retry-After (50300).',
    schema: errorSchema,
    headers: RETRY_AFTER,
  },
};

export const ERROR_REPORT_DESCRIPTION =
  'Each report reads the job’s whole file again: ERROR_REPORTS (2) are made at once per server process, 4× as many wait up to 60 s, and at most ERROR_REPORTS_PER_USER (2) of a user’s run or wait at once (more get 429 with Retry-After). A client that leaves while its report waits leaves the line; one that takes nothing for CSV_EXPORT_STALL_SECONDS (30) has the download ended as incomplete.';
export const ERROR_REPORT_REFUSALS: Record<number, OperationResponse> = {
  429: {
    description:
      'This user already has ERROR_REPORTS_PER_USER (2) error reports running or waiting: download fewer at once, or this one again after Retry-After (errorCode 42900).',
    schema: errorSchema,
    headers: RETRY_AFTER,
  },
  503: {
    description: 'The server is busy with other error reports: retry after Retry-After (50300).',
    schema: errorSchema,
    headers: RETRY_AFTER,
  },
};
