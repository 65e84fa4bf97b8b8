'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

import { Stat } from '@/components/ui/stat';
import { useNarrowScreen } from '@/components/ui/use-narrow-screen';
import { importJobsPath, importPreviewPath } from '@/lib/api/lists';
import { browserFixesWords, hasFixes } from '@/lib/import-session/browser-fixes';
import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import { DEFAULT_ERROR_THRESHOLD, errorThresholdProblem, MAX_ERROR_THRESHOLD } from '@/lib/shared/error-threshold';
import {
  IMPORT_MODE_WORDS,
  IMPORT_MODES,
  importModeDetail,
  importModeSentence,
  type ImportMode,
} from '@/lib/shared/import-mode';
import { plural } from '@/lib/shared/plural';

import { ReplaceConfirm } from './replace-confirm';
import type { ImportWorkerClient } from './worker-client';

type Preview = {
  valid: boolean;
  rowsRead: number;
  newRecords?: number;
  updatedRecords?: number;
  unchangedRecords?: number;
  removedByReplace?: number;
  errors: { row?: number; message: string; remediation: string }[];
};
type ServerError = { message: string; remediation: string; details?: string[]; activeJobId?: string };

/** Steps 5 and 6: what the import will do (computed by the server, nothing loaded), then the upload with progress. */
export function SummaryStep({
  client,
  listId,
  listName,
  fileName,
  leftOutName,
  originalFile,
  leaveOut,
  onSubmitted,
}: {
  client: ImportWorkerClient;
  listId: string;
  listName: string;
  /** The name of the file the wizard makes and uploads (a CSV). */
  fileName: string;
  /** The name of the left-out rows' CSV, downloaded here and kept with the job. */
  leftOutName: string;
  /** The file the person chose: uploaded beside it, so the job keeps both. */
  originalFile: File;
  /** Leave the rows that still have problems out of the upload (they can be downloaded). */
  leaveOut: boolean;
  /** The server took the file: the wizard's saved session is done with. */
  onSubmitted?: () => void;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<ImportMode>('upsert');
  const narrow = useNarrowScreen();
  // The field as typed, and the last whole number in range it held: the server is asked only about
  // that, so a half-typed or wrong figure never reaches it and the last answer stays on screen.
  const [thresholdText, setThresholdText] = useState(String(DEFAULT_ERROR_THRESHOLD));
  const [threshold, setThreshold] = useState(DEFAULT_ERROR_THRESHOLD);
  const thresholdProblem = errorThresholdProblem(thresholdText);
  const [blob, setBlob] = useState<Blob>();
  const [leftOut, setLeftOut] = useState(0);
  const [fixes, setFixes] = useState<BrowserFixes>();
  // The server's answer for the mode and threshold it was asked about; stale answers are ignored.
  const [answer, setAnswer] = useState<{ key: string; preview?: Preview; error?: ServerError }>();
  const [submitError, setSubmitError] = useState<ServerError>();
  const [uploaded, setUploaded] = useState<number>();

  useEffect(() => {
    void client.request<'exported'>({ type: 'export', leaveOut }).then((r) => {
      if (r.type !== 'exported') return;
      setBlob(r.blob);
      setLeftOut(r.leftOut);
      setFixes(r.fixes);
    });
  }, [client, leaveOut]);

  /** The left-out rows with what is wrong in each: downloaded here, and uploaded with the import for its job page. */
  async function leftOutRows(): Promise<Blob | undefined> {
    const result = await client.request<'exported'>({ type: 'exportLeftOut' });
    return result.type === 'exported' ? result.blob : undefined;
  }

  async function downloadLeftOut() {
    const blob = await leftOutRows();
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = leftOutName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  const key = `${mode}:${threshold}`;
  useEffect(() => {
    if (!blob) return;
    const form = formFor(blob, fileName, originalFile.name, mode, threshold, leftOut);
    const controller = new AbortController();
    const asked = `${mode}:${threshold}`;
    fetch(importPreviewPath(listId), { method: 'POST', body: form, signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) return setAnswer({ key: asked, error: toServerError(body, response.status) });
        const preview = body as Preview;
        // The first ten are listed (below): those are the ones renumbered.
        const errors = [
          ...(await inPersonsRows(client, leaveOut, preview.errors.slice(0, 10))),
          ...preview.errors.slice(10),
        ];
        setAnswer({ key: asked, preview: { ...preview, errors } });
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError')
          setAnswer({
            key: asked,
            error: { message: 'Listport cannot be reached.', remediation: 'Check your connection and try again.' },
          });
      });
    return () => controller.abort();
  }, [blob, listId, fileName, originalFile.name, mode, threshold, leftOut, client, leaveOut]);
  const current = answer?.key === key ? answer : undefined;
  const preview = current?.preview;
  const error = submitError ?? current?.error;

  async function submit() {
    if (!blob) return;
    setSubmitError(undefined);
    setUploaded(0);
    const leftOutBlob = leftOut > 0 ? await leftOutRows() : undefined;
    // XMLHttpRequest, because fetch cannot report upload progress.
    const request = new XMLHttpRequest();
    request.open('POST', importJobsPath(listId));
    request.upload.onprogress = (event) => setUploaded(event.loaded / Math.max(1, event.total));
    request.onload = () => {
      const body = safeJson(request.responseText);
      if (request.status === 202 && body?.id) {
        onSubmitted?.();
        router.push(`/jobs/${body.id}`);
      } else {
        setUploaded(undefined);
        setSubmitError(toServerError(body, request.status));
      }
    };
    request.onerror = () => {
      setUploaded(undefined);
      setSubmitError({
        message: 'The upload was interrupted; nothing was imported.',
        remediation: 'Check your connection and submit again.',
      });
    };
    const form = formFor(blob, fileName, originalFile.name, mode, threshold, leftOut);
    form.append('originalFile', originalFile, originalFile.name);
    if (fixes) form.append('browserFixes', JSON.stringify(fixes));
    if (leftOutBlob) form.append('leftOutRows', leftOutBlob, leftOutName);
    request.send(form);
  }

  return (
    <div className="stack">
      {hasFixes(fixes) && (
        <p>
          Your changes in the browser: {browserFixesWords(fixes)}. The job keeps this summary, the file you chose and
          the file that is loaded.
        </p>
      )}
      {leftOut > 0 && (
        <div className="alert warn row">
          <span>
            <strong>
              {plural(leftOut, 'row')} with problems {leftOut === 1 ? 'is' : 'are'} left out
            </strong>{' '}
            of this import. Download them with what is wrong in each (now, or later from the job’s page), fix them, and
            import them later.
          </span>
          <button type="button" onClick={() => void downloadLeftOut()}>
            Download the {leftOut.toLocaleString('en-US')} left-out rows (CSV)
          </button>
        </div>
      )}
      <div className="row fields load-options">
        <div className="field">
          <label htmlFor="mode">How to load</label>
          <select
            id="mode"
            value={mode}
            aria-describedby="mode-detail"
            onChange={(e) => setMode(e.target.value as typeof mode)}
          >
            {IMPORT_MODES.map((m) => (
              <option key={m} value={m}>
                {narrow ? IMPORT_MODE_WORDS[m].short : IMPORT_MODE_WORDS[m].label}
              </option>
            ))}
          </select>
          {/* On a phone the options read short: the choice in full, wrapping, is written under the select. */}
          <span id="mode-detail" className="hint field-hint">
            {narrow ? importModeSentence(mode) : importModeDetail(mode)}
          </span>
        </div>
        <div className="field">
          <label htmlFor="threshold">Stop checking after this many errors</label>
          <input
            id="threshold"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_ERROR_THRESHOLD}
            step={1}
            value={thresholdText}
            aria-invalid={thresholdProblem ? true : undefined}
            aria-describedby={thresholdProblem ? 'threshold-problem' : undefined}
            onChange={(e) => {
              setThresholdText(e.target.value);
              if (!errorThresholdProblem(e.target.value)) setThreshold(Number(e.target.value));
            }}
          />
          {thresholdProblem && (
            <span id="threshold-problem" className="field-error" role="alert">
              {thresholdProblem}
            </span>
          )}
        </div>
      </div>
      {!preview && !error && (
        <p role="status" aria-live="polite">
          Asking the server what this import will change (nothing is loaded yet)…
        </p>
      )}
      {preview && preview.valid && (
        <div className="stack" role="status" aria-live="polite">
          <div className="row">
            <Stat label="Rows to load" value={preview.rowsRead} />
            {leftOut > 0 && <Stat label="Rows left out" value={leftOut} />}
            <Stat label="New records" value={preview.newRecords ?? 0} />
            {mode !== 'append' && <Stat label="Updated records" value={preview.updatedRecords ?? 0} />}
            {mode !== 'append' && <Stat label="Unchanged records" value={preview.unchangedRecords ?? 0} />}
            {mode === 'replace' && <Stat label="Records removed" value={preview.removedByReplace ?? 0} />}
          </div>
          {mode === 'replace' && (preview.removedByReplace ?? 0) > 0 && (
            <p className="alert warn">
              Replace removes {plural(preview.removedByReplace ?? 0, 'record')} of “{listName}” that are not in this
              file.
            </p>
          )}
        </div>
      )}
      {preview && !preview.valid && (
        <div className="alert error" role="alert">
          <strong>The server found {plural(preview.errors.length, 'problem')} with this mode:</strong>
          <ul>
            {preview.errors.slice(0, 10).map((e, i) => (
              <li key={i}>
                {e.message} {e.remediation}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <div className="alert error" role="alert">
          <strong>{error.message}</strong> {error.remediation}{' '}
          {error.activeJobId && <Link href={`/jobs/${error.activeJobId}`}>See the job that is running</Link>}
          {error.details && error.details.length > 0 && (
            <ul>
              {error.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {uploaded !== undefined && (
        <div className="stack" role="status" aria-live="polite">
          <label htmlFor="upload-progress">Uploading: {Math.round(uploaded * 100)}%</label>
          <progress id="upload-progress" value={uploaded} max={1} />
        </div>
      )}
      <div className="row">
        {mode === 'replace' ? (
          <ReplaceConfirm
            listName={listName}
            rowsToLoad={preview?.rowsRead ?? 0}
            recordsRemoved={preview?.removedByReplace ?? 0}
            disabled={!preview?.valid || uploaded !== undefined || Boolean(thresholdProblem)}
            onConfirm={() => void submit()}
          />
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void submit()}
            disabled={!preview?.valid || uploaded !== undefined || Boolean(thresholdProblem)}
          >
            Import {preview ? plural(preview.rowsRead, 'row') : 'rows'} into “{listName}”
          </button>
        )}
      </div>
    </div>
  );
}

function formFor(
  blob: Blob,
  fileName: string,
  originalName: string,
  mode: string,
  threshold: number,
  rowsLeftOut: number,
): FormData {
  const form = new FormData();
  form.append('mode', mode);
  form.append('errorThreshold', String(threshold));
  if (rowsLeftOut > 0) form.append('rowsLeftOut', String(rowsLeftOut));
  form.append('dataFile', blob, loadedFileName(fileName, originalName));
  return form;
}

/**
 * The name of the CSV the wizard makes: a sheet's is "customers - Sheet1.csv" already; a CSV's
 * would be the chosen file's own, so it becomes "customers (as loaded).csv" and the job's two files
 * are told apart.
 */
function loadedFileName(fileName: string, originalName: string): string {
  const base = fileName.replace(/\.(csv|tsv|txt)$/i, '');
  return fileName === originalName ? `${base} (as loaded).csv` : `${base}.csv`;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toServerError(body: Record<string, unknown> | undefined, status: number): ServerError {
  const details = Array.isArray(body?.details) ? (body.details as string[]) : [];
  const active = details.find((d) => d.startsWith('activeJobId: '));
  if (status === 401)
    return { message: 'Your session has ended.', remediation: 'Sign in again, then submit the file again.' };
  return {
    message: typeof body?.message === 'string' ? body.message : `The server answered ${status}.`,
    remediation: typeof body?.remediation === 'string' ? body.remediation : 'Try again.',
    // A refusal that names fields lists them in details: shown, since its remediation points there.
    details: details.filter((d) => typeof d === 'string' && !d.startsWith('activeJobId: ')),
    ...(active && { activeJobId: active.slice('activeJobId: '.length) }),
  };
}

/**
 * The server numbers the rows of the file the wizard uploads; with rows left out or deleted its
 * row 7 may be row 12 of the person's file, which is the one they see in the grid.
 */
async function inPersonsRows(
  client: ImportWorkerClient,
  leaveOut: boolean,
  errors: Preview['errors'],
): Promise<Preview['errors']> {
  const rows = errors.flatMap((e) => (e.row === undefined ? [] : [e.row]));
  if (rows.length === 0) return errors;
  const answer = await client.request<'fileRows'>({ type: 'exportFileRows', rows, leaveOut });
  if (answer.type !== 'fileRows') return errors;
  const fileRow = new Map(rows.map((row, i) => [row, answer.fileRows[i]]));
  return errors.map((e) => {
    const mine = e.row === undefined ? undefined : fileRow.get(e.row);
    if (e.row === undefined || mine == null) return e;
    const renumber = (text: string) => text.replace(new RegExp(`\\b([Rr]ow) ${e.row}\\b`, 'g'), `$1 ${mine}`);
    return { ...e, row: mine, message: renumber(e.message), remediation: renumber(e.remediation) };
  });
}
