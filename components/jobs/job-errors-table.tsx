'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { listJobErrors } from '@/lib/api/jobs';
import { queryKeys } from '@/lib/api/query-keys';
import { shortenValue } from '@/lib/csv/problem';

const PAGE = 100;

/** A job's errors, 100 at a time: a job may have 10,000, which the page never loads at once. */
export function JobErrorsTable({ jobId, total }: { jobId: string; total: number }) {
  const [start, setStart] = useState(0);
  const page = useQuery({
    queryKey: queryKeys.jobErrors(jobId, start),
    queryFn: () => listJobErrors(jobId, start, PAGE),
    placeholderData: keepPreviousData,
  });
  const last = Math.min(total, start + PAGE);
  const pager = total > PAGE && (
    <div className="row" role="group" aria-label="Pages of errors">
      <span className="hint" aria-live="polite">
        Errors {(start + 1).toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
      </span>
      <button type="button" onClick={() => setStart(Math.max(0, start - PAGE))} disabled={start === 0}>
        ← Previous {PAGE}
      </button>
      <button type="button" onClick={() => setStart(start + PAGE)} disabled={last >= total}>
        Next {PAGE} →
      </button>
    </div>
  );
  if (page.error) return <ErrorMessage error={page.error} />;
  if (!page.data) return <p role="status">Loading the errors…</p>;
  return (
    <>
      {pager}
      <table className="job-errors blocks-on-phone">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
            <th scope="col">How to fix</th>
          </tr>
        </thead>
        <tbody>
          {page.data.items.map((e) => (
            <tr key={e.id}>
              <td data-label="Row">{e.row ?? '—'}</td>
              <td data-label="Column">{e.column ?? '—'}</td>
              <td data-label="Value">{e.value === undefined ? '—' : <code>{shortenValue(e.value, 80)}</code>}</td>
              <td data-label="Problem">{e.message}</td>
              <td data-label="How to fix">{e.remediation}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pager}
    </>
  );
}
