'use client';

import { useEffect, useRef, useState } from 'react';

import type { TextEncodingName } from '@/lib/csv/decode';
import type { FileFormatChoice, FileFormatProposal } from '@/lib/import-session/file-formats';
import { leftOutFileName, uploadFileName } from '@/lib/import-session/file-names';
import type { EncodingPreview, SheetPreviewRow, SheetSummary } from '@/lib/import-session/protocol';
import type { ProblemGroup, ReviewStats } from '@/lib/import-session/review-types';
import {
  clearSession,
  loadSession,
  saveSessionChoices,
  saveSessionFile,
  type SavedSession,
} from '@/lib/import-session/session-store';
import type { HistoryState } from '@/lib/import-session/undo-log';
import { fileColumnLabels } from '@/lib/lists/file-columns';
import { autoMap, type ColumnMapping, type MatchKind } from '@/lib/lists/mapping';
import type { ListColumn } from '@/lib/shared/list-column';
import { plural } from '@/lib/shared/plural';

import { defaultSheet } from './default-sheet';
import { DropStep } from './drop-step';
import { forgetHandedFile, handedFile } from './handed-file';
import { LeaveGuard } from './leave-guard';
import { MapStep } from './map-step';
import { NoRowsAlert } from './no-rows-alert';
import { readPercent, type ReadProgressFigures } from './read-progress';
import { ReadStep } from './read-step';
import { ResumePrompt } from './resume-prompt';
import { ReviewStep } from './review-step';
import { SheetStep } from './sheet-step';
import { SummaryStep } from './summary-step';
import { ImportWorkerClient } from './worker-client';

const STEPS = ['Choose file', 'Read', 'Map columns', 'Review & fix', 'Summary & import'] as const;
type Step = 0 | 1 | 2 | 3 | 4;

type Inspection = { previews: EncodingPreview[]; utf8Valid: boolean };
type ReadResult = { headers: string[]; sample: string[][]; recordCount: number; emptyColumns: number[] };
/** An Excel workbook's sheets, the sheet and header row chosen, and that sheet's first rows. */
type WorkbookChoice = { sheets: SheetSummary[]; sheet: string; headerRow: number; preview?: SheetPreviewRow[] };

const savedMappingKey = (listId: string) => `listport.mapping.${listId}`;
/** The ways the user chose for this list's columns last time ({column name: format}), offered again. */
const savedFormatsKey = (listId: string) => `listport.fileFormats.${listId}`;

function readSaved<T>(key: string): T | undefined {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The way to preselect: last time's choice when it is still offered, else the proposal (none while a question is open). */
function initialChoice(proposal: FileFormatProposal | null, saved: FileFormatChoice | undefined) {
  if (!proposal) return null;
  const savedIndex = proposal.options.findIndex((o) => JSON.stringify(o.format ?? null) === JSON.stringify(saved));
  if (saved !== undefined && (savedIndex >= 0 || saved === null)) return saved;
  if (proposal.ambiguous) return undefined;
  return proposal.options[proposal.proposed ?? 0]!.format ?? null;
}

/** The import wizard: drop → read → map → review & fix → summary & submit. All reading happens in a worker. */
export function ImportWizard({
  listId,
  listName,
  columns: listColumns,
  recordCount,
  canAddColumns,
}: {
  listId: string;
  listName: string;
  columns: ListColumn[];
  recordCount: number;
  canAddColumns: boolean;
}) {
  // A file column added to the list in the map step joins these (the list page is not reloaded).
  const [columns, setColumns] = useState(listColumns);
  const [step, setStep] = useState<Step>(0);
  const [client, setClient] = useState<ImportWorkerClient>();
  const [file, setFile] = useState<File>();
  const [inspection, setInspection] = useState<Inspection>();
  const [workbook, setWorkbook] = useState<WorkbookChoice>();
  const [encoding, setEncoding] = useState<TextEncodingName>('utf-8');
  const [delimiter, setDelimiter] = useState(',');
  const [progress, setProgress] = useState<ReadProgressFigures>();
  const [reading, setReading] = useState(false);
  const [read, setRead] = useState<ReadResult>();
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [kinds, setKinds] = useState<MatchKind[]>([]);
  // The proposals judged for one mapping: while the worker judges a changed mapping, there are none.
  const [judged, setJudged] = useState<{ mapping: ColumnMapping; proposals: (FileFormatProposal | null)[] }>();
  const proposals = judged?.mapping === mapping ? judged.proposals : undefined;
  const [fileFormats, setFileFormats] = useState<(FileFormatChoice | undefined)[]>([]);
  const [stats, setStats] = useState<ReviewStats>();
  const [groups, setGroups] = useState<ProblemGroup[]>([]);
  const [leaveOut, setLeaveOut] = useState(false);
  const [error, setError] = useState<{ message: string; remediation: string }>();
  const [checking, setChecking] = useState(false);
  const [history, setHistory] = useState<HistoryState>();
  const [saved, setSaved] = useState<SavedSession>();
  const [resuming, setResuming] = useState<string>();
  const [submitted, setSubmitted] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const columnsSignature = JSON.stringify(columns.map((c) => [c.name, c.dataType, c.isKey, c.required]));

  // A file handed over by New list ("Create list and import") is read as if chosen here.
  const [handed] = useState(() => handedFile(listId));
  const handedRead = useRef(false);
  useEffect(() => {
    if (!handed || handedRead.current) return;
    handedRead.current = true;
    forgetHandedFile(handed);
    void chooseFile(handed.file);
    // chooseFile is this render's; the handed file is read once, on the first.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handed]);

  // The worker starts with the first file and stops with the page.
  useEffect(() => () => client?.terminate(), [client]);

  // An import left unfinished here (reload, a click elsewhere) is offered back.
  useEffect(() => {
    loadSession(listId)
      .then(setSaved)
      .catch(() => undefined);
  }, [listId]);

  // The choices are saved as they are made; the worker saves the log of review changes itself.
  useEffect(() => {
    if (!file || step < 1 || resuming !== undefined || submitted) return;
    saveSessionChoices(listId, {
      fileName: file.name,
      fileSize: file.size,
      rowCount: read?.recordCount ?? null,
      encoding,
      delimiter,
      mapping: read ? mapping : null,
      fileFormats: fileFormats.map((f) => f ?? null),
      columnsSignature,
      step,
      updatedAt: Date.now(),
    }).catch(() => undefined);
  }, [listId, file, step, read, encoding, delimiter, mapping, fileFormats, columnsSignature, resuming, submitted]);

  // Move focus to the new step's heading so keyboard and screen-reader users follow along.
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  async function chooseFile(chosen: File) {
    const worker = client ?? new ImportWorkerClient();
    if (!client) setClient(worker);
    setError(undefined);
    setFile(chosen);
    setWorkbook(undefined);
    setInspection(undefined);
    // A new file starts a new session, in place of any saved one.
    setSaved(undefined);
    saveSessionFile(listId, chosen).catch(() => undefined);
    const result = await worker.request<'inspected' | 'workbook'>({ type: 'inspect', file: chosen });
    if (result.type === 'error') return setError(result);
    if (result.type === 'workbook') {
      // An empty "Sheet1" or a sheet holding only a note is not the default: the first with records is.
      const first = defaultSheet(result.sheets);
      if (!first) return;
      setWorkbook({ sheets: result.sheets, sheet: first.name, headerRow: 1 });
      setStep(1);
      return chooseSheet(worker, first.name);
    }
    setInspection({ previews: result.previews, utf8Valid: result.utf8Valid });
    setEncoding(result.encoding);
    setDelimiter(chosen.name.toLowerCase().endsWith('.tsv') ? '\t' : result.delimiter);
    setStep(1);
  }

  /** Shows a sheet's first rows, with the row that most likely names the columns chosen as the header. */
  async function chooseSheet(worker: ImportWorkerClient, sheet: string) {
    setWorkbook((w) => w && { ...w, sheet, preview: undefined });
    const result = await worker.request<'sheetPreview'>({ type: 'sheetPreview', sheet });
    if (result.type === 'error') return setError(result);
    setWorkbook((w) => (w?.sheet === sheet ? { ...w, preview: result.rows, headerRow: result.headerRow } : w));
  }

  async function readFile() {
    if (!client || !file) return;
    setError(undefined);
    setReading(true);
    const result = workbook
      ? await client.request<'read'>(
          { type: 'readSheet', sheet: workbook.sheet, headerRow: workbook.headerRow },
          setProgress,
        )
      : await client.request<'read'>({ type: 'read', file, encoding, delimiter }, setProgress);
    setReading(false);
    if (result.type === 'error') return setError(result);
    setRead(result);
    const auto = autoMap(result.headers, columns);
    setMapping(auto.mapping);
    setKinds(auto.kinds);
    setStep(2);
  }

  // How the file writes each mapped column, judged on every value in the worker; again when the mapping changes.
  useEffect(() => {
    if (step !== 2 || !client) return;
    let current = true;
    void client.request<'formats'>({ type: 'formats', columns, mapping }).then((result) => {
      if (!current || result.type !== 'formats') return;
      const saved = readSaved<Record<string, FileFormatChoice>>(savedFormatsKey(listId)) ?? {};
      setJudged({ mapping, proposals: result.proposals });
      setFileFormats(result.proposals.map((p, i) => initialChoice(p, saved[columns[i]!.name])));
    });
    return () => {
      current = false;
    };
  }, [step, client, columns, mapping, listId]);

  function savedMapping(): ColumnMapping | undefined {
    if (!read) return undefined;
    try {
      const saved = JSON.parse(localStorage.getItem(savedMappingKey(listId)) ?? 'null') as Record<
        string,
        string | null
      > | null;
      if (!saved) return undefined;
      // Saved by label, so the second of two "City" columns is found again ("City (column F)").
      const labels = fileColumnLabels(read.headers);
      const next = columns.map((c) => {
        const header = saved[c.name];
        const index = header == null ? -1 : labels.indexOf(header);
        return index >= 0 ? index : null;
      });
      return JSON.stringify(next) === JSON.stringify(mapping) ? undefined : next;
    } catch {
      return undefined;
    }
  }

  async function checkRows() {
    if (!client || !read) return;
    setChecking(true);
    const labels = fileColumnLabels(read.headers);
    localStorage.setItem(
      savedMappingKey(listId),
      JSON.stringify(
        Object.fromEntries(columns.map((c, i) => [c.name, mapping[i] == null ? null : labels[mapping[i]!]])),
      ),
    );
    const chosen = fileFormats.map((f) => f ?? null);
    localStorage.setItem(
      savedFormatsKey(listId),
      JSON.stringify(Object.fromEntries(columns.flatMap((c, i) => (proposals?.[i] ? [[c.name, chosen[i]]] : [])))),
    );
    const result = await client.request<'stats'>({
      type: 'map',
      columns,
      mapping,
      fileFormats: chosen,
      session: listId,
    });
    setChecking(false);
    if (result.type === 'error') return setError(result);
    setStats(result.stats);
    setGroups(result.groups);
    setHistory(result.history);
    setStep(3);
  }

  /** Reads the saved file again with the saved choices and replays the saved changes: the wizard as it was left. */
  async function resume() {
    if (!saved) return;
    const { file: savedFile, choices, log } = saved;
    const worker = client ?? new ImportWorkerClient();
    if (!client) setClient(worker);
    setError(undefined);
    setResuming(`Reading ${choices.fileName} again…`);
    const fail = (problem: { message: string; remediation: string }) => {
      setResuming(undefined);
      setError(problem);
    };
    setFile(savedFile);
    const inspected = await worker.request<'inspected' | 'workbook'>({ type: 'inspect', file: savedFile });
    if (inspected.type === 'error') return fail(inspected);
    if (inspected.type === 'workbook') {
      // The sheet and header row are not part of a saved session yet.
      discard();
      return fail({
        message: `${choices.fileName} is an Excel workbook: its import cannot be resumed.`,
        remediation: 'Choose the workbook again.',
      });
    }
    setInspection({ previews: inspected.previews, utf8Valid: inspected.utf8Valid });
    setEncoding(choices.encoding);
    setDelimiter(choices.delimiter);
    let resumeAt = Math.min(choices.step, 4) as Step;
    if (resumeAt >= 2) {
      const readResult = await worker.request<'read'>(
        { type: 'read', file: savedFile, encoding: choices.encoding, delimiter: choices.delimiter },
        setProgress,
      );
      if (readResult.type === 'error') return fail(readResult);
      setRead(readResult);
      const sameColumns = choices.columnsSignature === columnsSignature && choices.mapping?.length === columns.length;
      const auto = autoMap(readResult.headers, columns);
      const nextMapping = sameColumns ? choices.mapping! : auto.mapping;
      setMapping(nextMapping);
      if (sameColumns && choices.fileFormats) setFileFormats(choices.fileFormats);
      setKinds(sameColumns ? nextMapping.map((v) => (v === null ? 'none' : 'saved')) : auto.kinds);
      if (!sameColumns && resumeAt > 2) {
        resumeAt = 2;
        setError({
          message: 'The columns of this list changed since you left this import.',
          remediation: 'Check the mapping again; the fixes made in review could not be kept.',
        });
      }
      if (resumeAt >= 3) {
        const edits = log?.steps ?? 0;
        setResuming(`Checking every row and replaying your ${plural(edits, 'edit')}…`);
        const replayed = await worker.request<'stats'>({
          type: 'map',
          columns,
          mapping: nextMapping,
          ...(choices.fileFormats && { fileFormats: choices.fileFormats }),
          session: listId,
          replay: log?.entries ?? [],
        });
        if (replayed.type === 'error') return fail(replayed);
        setStats(replayed.stats);
        setGroups(replayed.groups);
        setHistory(replayed.history);
      }
    }
    setSaved(undefined);
    setResuming(undefined);
    setStep(resumeAt);
  }

  function discard() {
    setSaved(undefined);
    clearSession(listId).catch(() => undefined);
    // The prompt (and the Discard button pressed) is gone: the keyboard's place is the step's heading.
    heading.current?.focus();
  }

  const savedForMap = step === 2 ? savedMapping() : undefined;
  const edits = history?.steps ?? 0;
  return (
    <div className="stack">
      <LeaveGuard
        active={step >= 1 && !submitted}
        what={step >= 3 ? `Your file, your choices and your ${plural(edits, 'edit')}` : 'Your file and your choices'}
      />
      <nav aria-label="Import steps">
        <ol className="steps">
          {STEPS.map((label, i) => (
            <li key={label} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>
              {i + 1}. {label}
            </li>
          ))}
        </ol>
      </nav>
      <div className="card stack">
        <div className="row">
          <h2 ref={heading} tabIndex={-1} style={{ margin: 0 }}>
            {STEPS[step]}
          </h2>
          <span className="spacer" />
          {step > 0 && step < 4 && (
            <button type="button" onClick={() => setStep((s) => (s === 3 ? 2 : s === 2 ? 1 : 0) as Step)}>
              Back
            </button>
          )}
          {step === 4 && (
            <button type="button" onClick={() => setStep(3)}>
              Back to review
            </button>
          )}
        </div>
        {handed && step === 1 && file === handed.file && (
          <p className="alert ok" role="status">
            {handed.notice}
          </p>
        )}
        {error && (
          <div className="alert error" role="alert">
            <strong>{error.message}</strong> {error.remediation}
          </div>
        )}
        {step === 0 && saved && (
          <ResumePrompt
            session={saved}
            busy={resuming !== undefined}
            onResume={() => void resume()}
            onDiscard={discard}
          />
        )}
        {resuming && (
          <p role="status" aria-live="polite">
            {resuming}
            {progress && progress.totalBytes > 0 && ` ${readPercent(progress)}%`}
          </p>
        )}
        {step === 0 && !resuming && <DropStep onFile={(f) => void chooseFile(f)} />}

        {step === 1 && file && workbook && client && (
          <SheetStep
            file={file}
            sheets={workbook.sheets}
            sheet={workbook.sheet}
            headerRow={workbook.headerRow}
            preview={workbook.preview}
            onSheet={(sheet) => void chooseSheet(client, sheet)}
            onHeaderRow={(headerRow) => setWorkbook((w) => w && { ...w, headerRow })}
            onRead={() => void readFile()}
            {...(progress && { progress })}
            reading={reading}
          />
        )}
        {step === 1 && file && !workbook && inspection && (
          <ReadStep
            file={file}
            previews={inspection.previews}
            utf8Valid={inspection.utf8Valid}
            encoding={encoding}
            delimiter={delimiter}
            onEncoding={setEncoding}
            onDelimiter={setDelimiter}
            onRead={() => void readFile()}
            {...(progress && { progress })}
            reading={reading}
          />
        )}
        {step === 2 && read && (
          <>
            <p>
              {plural(read.recordCount, 'row')} and {plural(read.headers.length - read.emptyColumns.length, 'column')}{' '}
              read. Choose which file column fills each column of “{listName}”.
            </p>
            {read.recordCount === 0 && <NoRowsAlert headers={read.headers} sheet={workbook?.sheet} />}
            <MapStep
              headers={read.headers}
              columns={columns}
              mapping={mapping}
              kinds={kinds}
              sample={read.sample}
              emptyColumns={read.emptyColumns}
              proposals={proposals}
              fileFormats={fileFormats}
              onFileFormat={(columnIndex, choice) =>
                setFileFormats((current) => current.map((v, i) => (i === columnIndex ? choice : v)))
              }
              onChange={(columnIndex, fileIndex) => {
                setMapping((m) => m.map((v, i) => (i === columnIndex ? fileIndex : v)));
                setKinds((k) => k.map((v, i) => (i === columnIndex ? (fileIndex === null ? 'none' : 'manual') : v)));
              }}
              savedAvailable={Boolean(savedForMap)}
              onUseSaved={() => {
                if (!savedForMap) return;
                setMapping(savedForMap);
                setKinds(savedForMap.map((v) => (v === null ? 'none' : 'saved')));
              }}
              onNext={() => void checkRows()}
              addColumn={
                canAddColumns
                  ? {
                      listId,
                      recordCount,
                      onAdded: (next, fileIndex) => {
                        // The browser only validates with columns; where the server stores them is its own affair.
                        setColumns(
                          next.map((c, i) => ({ ...c, position: i + 1, keyPosition: 0, storage: '', ...columns[i] })),
                        );
                        setMapping((m) => [...m, fileIndex]);
                        setKinds((k) => [...k, 'manual']);
                      },
                    }
                  : undefined
              }
            />
            {checking && <p role="status">Checking every row…</p>}
          </>
        )}
        {step === 3 && client && stats && (
          <ReviewStep
            client={client}
            columns={columns}
            stats={stats}
            groups={groups}
            onStats={(nextStats, nextGroups) => {
              setStats(nextStats);
              setGroups(nextGroups);
            }}
            history={history}
            onHistory={setHistory}
            onNext={(leave) => {
              setLeaveOut(leave);
              setStep(4);
            }}
          />
        )}
        {step === 4 && client && file && (
          <SummaryStep
            client={client}
            listId={listId}
            listName={listName}
            fileName={uploadFileName({ name: file.name, sheet: workbook?.sheet })}
            leftOutName={leftOutFileName({ name: file.name, sheet: workbook?.sheet })}
            originalFile={file}
            leaveOut={leaveOut}
            onSubmitted={() => {
              // Loaded: nothing left to resume or to warn about.
              setSubmitted(true);
              void clearSession(listId).catch(() => undefined);
            }}
          />
        )}
      </div>
    </div>
  );
}
