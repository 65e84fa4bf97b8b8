'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';

import { formatBytes } from '@/components/import-wizard/read-step';
import { UndoLoad } from '@/components/revisions/undo-load';
import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { Stat } from '@/components/ui/stat';
import { cancelJob, getJob, getJobLogs, listJobPath, type Job, type JobLogs } from '@/lib/api/jobs';
import { getList } from '@/lib/api/lists';
import { queryKeys } from '@/lib/api/query-keys';
import { browserFixesWords } from '@/lib/import-session/browser-fixes';
import { plural } from '@/lib/shared/plural';
import { readSameFileLine } from '@/lib/shared/same-file-line';

import { JobErrorsTable } from './job-errors-table';
import { JobProgressBar } from './job-progress-bar';
import { jobErrorsHeadline, jobTitle } from './job-words';
import { resultFigures } from './result-figures';
import { SameFileNotice } from './same-file-notice';
import { shortWhen } from './short-when';
import { useRefreshListWhenJobEnds } from './use-refresh-list-when-job-ends';

const ACTIVE = new Set(['pending', 'running']);

/** A job, followed live while it runs: state timeline, counts, errors with remediation, logs. */
export function JobDetail({
  jobId,
  canCancel,
  canUndo = canCancel,
}: {
  jobId: string;
  canCancel: boolean;
  canUndo?: boolean;
}) {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: queryKeys.job(jobId),
    queryFn: () => getJob(jobId),
    refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.state) ? false : 1000),
  });
  useRefreshListWhenJobEnds(job.data);
  const [logs, setLogs] = useState<JobLogs['items']>([]);
  // Arriving here (the wizard's submit, a link), keyboard and screen-reader users start at the job's
  // title, not at the top of the page's body.
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = job.data !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  useEffect(() => {
    let stopped = false;
    let after = 0;
    const tail = async () => {
      while (!stopped) {
        try {
          const page = await getJobLogs(jobId, after);
          if (page.items.length) {
            after = page.items[page.items.length - 1]!.id;
            setLogs((current) => [...current, ...page.items]);
          }
          if (!ACTIVE.has(page.state) && page.items.length === 0) return;
        } catch {
          // A failed poll is retried on the next tick; the job query shows connection problems.
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void tail();
    return () => {
      stopped = true;
    };
  }, [jobId]);

  const cancel = useMutation({
    mutationFn: () => cancelJob(jobId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.job(jobId) }),
  });

  if (job.error) return <ErrorMessage error={job.error} />;
  if (!job.data) return <p role="status">Loading the job…</p>;
  const j = job.data;
  const base = listJobPath(j);
  const results = j.results as Record<string, number | string | undefined>;
  return (
    <div className="stack">
      <div className="row">
        <h1 ref={heading} tabIndex={-1} style={{ margin: 0 }}>
          {jobTitle({ ...j, originalFileName: j.originalFile?.fileName, restoreRevision: j.restoreRevision })}
        </h1>
        <span className={`badge ${j.state}`} role="status" aria-live="polite" aria-label={`Job state: ${j.state}`}>
          {j.state}
        </span>
        <span className="spacer" />
        {canCancel && ACTIVE.has(j.state) && (
          <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending || j.cancelRequested}>
            {j.cancelRequested ? 'Cancelling…' : 'Cancel job'}
          </button>
        )}
      </div>
      <ErrorMessage error={cancel.error} />
      <p>
        {j.listId ? (
          <Link href={`/lists/${j.listId}`}>{j.listName ?? 'Open the list'}</Link>
        ) : (
          <span className="muted">The list was deleted.</span>
        )}{' '}
        · started by {j.createdBy}
      </p>
      <ol className="timeline" aria-label="Timeline">
        <li>
          <span className="hint">Created</span>
          <LocalTime value={j.creationTimeStamp} />
        </li>
        <li>
          <span className="hint">Started</span>
          <LocalTime value={j.startedTimeStamp} />
        </li>
        <li>
          <span className="hint">
            {j.state === 'cancelled' ? 'Cancelled' : j.state === 'failed' ? 'Failed' : 'Completed'}
          </span>
          <LocalTime value={j.completedTimeStamp} />
        </li>
      </ol>
      {j.progress && (
        <section aria-labelledby="progress-heading" className="stack">
          <h2 id="progress-heading" className="sr-only">
            Progress
          </h2>
          <JobProgressBar progress={j.progress} label="Progress of this job" />
          {j.rowsProcessed > 0 && <span className="hint">{plural(j.rowsProcessed, 'record')} read so far.</span>}
        </section>
      )}
      {j.state === 'completed' && (
        <div className="row">
          {resultFigures(results, j.kind).map(({ key, label, value }) => (
            <Stat key={key} label={label} value={value} />
          ))}
          {j.listId && typeof results.recordCount === 'number' && (
            <RecordsNow listId={j.listId} after={results.recordCount} />
          )}
        </div>
      )}
      {canUndo && j.state === 'completed' && j.listId && typeof results.revision === 'number' && (
        <UndoLoad listId={j.listId} kind={j.kind} revision={results.revision} />
      )}
      {typeof results.duplicateOfJobId === 'string' && <SameFileNotice earlierJobId={results.duplicateOfJobId} />}
      {j.totalErrors > 0 && (
        <section aria-labelledby="errors-heading" className="stack">
          <div className="row">
            <h2 id="errors-heading" style={{ margin: 0 }}>
              {jobErrorsHeadline(j)}
            </h2>
            <span className="spacer" />
            {base && j.links.some((l) => l.rel === 'errorReport') && (
              <a className="button" href={`${base}/errorReport`} download>
                Download error report (CSV)
              </a>
            )}
          </div>
          <JobErrorsTable jobId={j.id} total={j.totalErrors} />
        </section>
      )}
      <JobFiles job={j} base={base} />
      <TechnicalDetails job={j} />
      <section aria-labelledby="logs-heading">
        <h2 id="logs-heading">Logs</h2>
        <div className="logs" role="log" aria-live="polite">
          {logs.length === 0 ? (
            <span>No log lines yet.</span>
          ) : (
            logs.map((l) => (
              <div key={l.id} className={l.level}>
                {logTime(l.timeStamp)} {l.level.padEnd(5)} <LogMessage message={l.message} />
              </div>
            ))
          )}
        </div>
      </section>
    </div>
  );
}

/**
 * A log line as the person reads it: the API's line naming an earlier job by its id becomes words
 * and a link to that job ("… an earlier import (job of 1 Dec, 10:37)").
 */
function LogMessage({ message }: { message: string }) {
  const sameFile = readSameFileLine(message);
  if (!sameFile) return <>{message}</>;
  return (
    <>
      This file has the same content as an earlier import (
      <Link href={`/jobs/${sameFile.jobId}`}>
        {sameFile.createdAt ? `job of ${shortWhen(sameFile.createdAt)}` : 'that job'}
      </Link>
      ).
    </>
  );
}

/**
 * A log line's time in the reader's zone, as the timeline above it shows times: the ISO string's
 * UTC clock read 09:37 beside a "Started 10:37 AM" for someone in Berlin.
 */
function logTime(timeStamp: string): string {
  return new Date(timeStamp).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The list's record count now, beside the count this job left, when later loads changed it: the
 * job's figure is history, and someone coming back days later wants both.
 */
function RecordsNow({ listId, after }: { listId: string; after: number }) {
  const list = useQuery({ queryKey: queryKeys.list(listId), queryFn: () => getList(listId) });
  if (!list.data || list.data.recordCount === after) return null;
  return <Stat label="Records in list now" value={list.data.recordCount} />;
}

/**
 * The job's files, named for what they are: the file the person chose and, when the import wizard
 * made a CSV from it (a sheet read, fixes applied), the file that was loaded — with what was fixed.
 */
function JobFiles({ job, base }: { job: Job; base: string | undefined }) {
  const has = (rel: string) => Boolean(base) && job.links.some((l) => l.rel === rel);
  if (!job.fileName) return null;
  const original = job.originalFile;
  return (
    <section aria-labelledby="files-heading" className="stack">
      <h2 id="files-heading">Files</h2>
      <ul className="stack" style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {original && (
          <li>
            The file you chose: <strong>{original.fileName}</strong>
            {original.fileSize != null && ` (${formatBytes(original.fileSize)})`}
            {has('originalFile') ? (
              <>
                {' '}
                —{' '}
                <a href={`${base}/originalFile`} download>
                  Download the file you chose
                </a>
              </>
            ) : (
              <span className="hint"> — no longer kept</span>
            )}
          </li>
        )}
        <li>
          {original ? 'The file that was loaded' : 'The file'}: <strong>{job.fileName}</strong>
          {job.fileSize != null && ` (${formatBytes(job.fileSize)})`}
          {has('file') ? (
            <>
              {' '}
              —{' '}
              <a href={`${base}/file`} download>
                {original ? 'Download the file that was loaded' : 'Download the file'}
              </a>
            </>
          ) : (
            <span className="hint"> — no longer kept</span>
          )}
        </li>
        {job.leftOutRows && <LeftOutRows job={job} base={has('leftOutRows') ? base : undefined} />}
      </ul>
      {original && (
        <p className="hint">
          Changes made in the browser before the upload:{' '}
          {browserFixesWords(job.browserFixes, job.leftOutRows?.rowCount ?? 0)}.
        </p>
      )}
    </section>
  );
}

/**
 * The rows with problems the person left out in the import wizard, with what is wrong in each: the
 * wizard uploads them with the import, so they can be fetched here long after it was closed.
 */
function LeftOutRows({ job, base }: { job: Job; base: string | undefined }) {
  const leftOut = job.leftOutRows!;
  const count = leftOut.rowCount ?? (job.results as { rowsLeftOut?: number } | null)?.rowsLeftOut;
  const rows = count === undefined ? 'rows' : plural(count, 'row');
  return (
    <li>
      The {rows} left out, with their problems: <strong>{leftOut.fileName}</strong>
      {leftOut.fileSize != null && ` (${formatBytes(leftOut.fileSize)})`}
      {base ? (
        <>
          {' '}
          —{' '}
          <a href={`${base}/leftOutRows`} download>
            Download the {rows} left out (CSV)
          </a>
        </>
      ) : (
        <span className="hint"> — no longer kept</span>
      )}
    </li>
  );
}

/** Ids and checksums, for support and scripts; out of the way of everyone else. */
function TechnicalDetails({ job }: { job: Job }) {
  const rows: [string, string | null | undefined][] = [
    ['Job id', job.id],
    ['List id', job.listId],
    ['Kind', job.kind],
    ['Mode', job.mode],
    ['Delimiter', job.delimiter === '\t' ? 'tab' : job.delimiter],
    ['Stop after errors', job.errorThreshold?.toLocaleString('en-US')],
    ['sha256 of the file that was loaded', job.sha256Sum],
    ['sha256 of the file you chose', job.originalFile?.sha256Sum],
  ];
  return (
    <details className="technical-details">
      <summary>Technical details</summary>
      <dl>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <code style={{ overflowWrap: 'anywhere' }}>{value}</code>
              </dd>
            </div>
          ))}
      </dl>
    </details>
  );
}
