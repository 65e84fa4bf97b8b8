'use client';

import { useMutation } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { postCustomImport, toFormData, type EvaluationPayload } from '@/lib/custom-imports/client-api';
import type { DynamicOptions, InputDeclaration, Message, ScriptInfo } from '@/lib/custom-imports/types';
import { plural } from '@/lib/shared/plural';

import { InputField, type FieldValue, type ListChoice } from './input-field';
import { JobStatus } from './job-status';
import { Messages } from './messages';
import { PreviewTable } from './preview-table';

/** The standard load option to leave out rows the source cannot give (lib/custom-imports/standard-inputs.ts). */
const SKIP = 'skipSourceProblems';
/** The server's summary of the data's problems; the wizard lists the problems themselves. */
const DATA_ERRORS_TITLE = 'Problems in the data';

type Props = { script: ScriptInfo; workspace: { id: string; name: string; canRun: boolean }; lists: ListChoice[] };

function initialValues(inputs: InputDeclaration[]): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const input of inputs) {
    if (input.type === 'file' || input.type === 'list') continue;
    if (input.type === 'checkbox') values[input.name] = input.default ?? false;
    else values[input.name] = input.default !== undefined ? String(input.default) : '';
  }
  return values;
}

/**
 * A custom import in three steps: the inputs form generated from the script's declaration (checked
 * by the server as files and choices change), the server's preview, then submit and the live job.
 */
export function CustomImportWizard({ script, workspace, lists }: Props) {
  const [values, setValues] = useState<Record<string, FieldValue>>(() => initialValues(script.inputs));
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [options, setOptions] = useState<DynamicOptions>({});
  const [checked, setChecked] = useState<EvaluationPayload>();
  const [preview, setPreview] = useState<{ payload: EvaluationPayload; key: string }>();
  const [jobId, setJobId] = useState<string>();
  const [submitMessages, setSubmitMessages] = useState<Message[]>([]);
  const version = useRef(0);

  type Files = Record<string, File | undefined>;
  const send = (
    operation: 'validate-input' | 'preview' | 'submit-job',
    current: Record<string, FieldValue>,
    currentFiles: Files,
    withPreview?: unknown,
  ) => postCustomImport(workspace.id, script.id, operation, toFormData(nonEmpty(current), currentFiles, withPreview));

  // The inputs as they are now; a preview is only submitted for exactly these. Leaving out rows
  // the source cannot give is decided after the preview, so it does not make the preview stale.
  const key = useMemo(() => {
    const { [SKIP]: _skip, ...compared } = values;
    return JSON.stringify({
      values: compared,
      files: Object.entries(files).map(([n, f]) => [n, f?.name, f?.size, f?.lastModified]),
    });
  }, [values, files]);

  /** Fills dynamic selects from the server's options: a choice that no longer exists gives way to the suggested one. */
  const applyOptions = (next: DynamicOptions | undefined, current: Record<string, FieldValue>) => {
    if (!next) return current;
    setOptions((previous) => ({ ...previous, ...next }));
    let changed = false;
    const updated = { ...current };
    for (const [name, { options: choices, default: suggested }] of Object.entries(next)) {
      const value = updated[name];
      if (choices.length > 0 && (typeof value !== 'string' || !choices.some((o) => o.value === value))) {
        updated[name] = suggested ?? choices[0]!.value;
        changed = true;
      }
    }
    if (changed) setValues(updated);
    return changed ? updated : current;
  };

  // Variables carry the inputs explicitly: a file chosen a moment ago is not in `files` yet.
  const validate = useMutation({
    mutationFn: async ({ current, currentFiles }: { current: Record<string, FieldValue>; currentFiles: Files }) => {
      const run = ++version.current;
      let envelope = await send('validate-input', current, currentFiles);
      const updated = applyOptions(envelope.payload.options, current);
      // Choices were filled in: check again with them, so the messages describe what is shown.
      if (updated !== current && run === version.current)
        envelope = await send('validate-input', updated, currentFiles);
      return { envelope, run };
    },
    onSuccess: ({ envelope, run }) => {
      if (run === version.current) setChecked(envelope.payload);
    },
  });

  const runPreview = useMutation({
    mutationFn: () => send('preview', values, files),
    onSuccess: (envelope) => {
      applyOptions(envelope.payload.options, values);
      setChecked(envelope.payload);
      // A preview with problems in the data still shows its rows and every problem.
      setPreview(envelope.payload.rows ? { payload: envelope.payload, key } : undefined);
    },
  });

  const submit = useMutation({
    mutationFn: () => send('submit-job', values, files, preview?.payload),
    onSuccess: (envelope) => {
      setSubmitMessages(envelope.payload.messages);
      if (envelope.status === 'SUCCESS' && envelope.payload.jobId) setJobId(envelope.payload.jobId);
      else {
        setChecked(envelope.payload);
        setPreview(undefined);
      }
    },
  });

  const change = (input: InputDeclaration, value: FieldValue) => {
    const next = { ...values, [input.name]: value };
    setValues(next);
    // Inputs other selects depend on (a file, a delimiter) change their choices: ask the server.
    if (script.inputs.some((i) => i.type === 'select' && i.dynamic?.dependsOn.includes(input.name)))
      validate.mutate({ current: next, currentFiles: files });
  };
  const chooseFile = (input: InputDeclaration, file: File) => {
    const next = { ...files, [input.name]: file };
    setFiles(next);
    validate.mutate({ current: values, currentFiles: next });
  };

  const messages = checked?.messages ?? [];
  const forInput = (name: string) => messages.filter((m) => m.input === name);
  // The preview's own problems show with the preview, once.
  const shownWithPreview = new Set(preview?.payload === checked ? (preview?.payload.messages ?? []) : []);
  const general = messages.filter(
    (m) =>
      (!m.input || !script.inputs.some((i) => i.name === m.input)) &&
      !(shownWithPreview.has(m) && m.status === 'ERROR'),
  );
  const own = script.inputs.filter((i) => !i.standard);
  const standard = script.inputs.filter((i) => i.standard && i.name !== SKIP);
  const offersSkip = script.inputs.some((i) => i.name === SKIP);
  const previewCurrent = preview && preview.key === key;
  const busy = validate.isPending || runPreview.isPending || submit.isPending;
  const locked = Boolean(jobId) || !workspace.canRun;
  const previewMessages = preview?.payload.messages ?? [];
  const dataErrors = previewMessages.filter((m) => m.status === 'ERROR' && m.title !== DATA_ERRORS_TITLE);
  const allSkippable = offersSkip && dataErrors.length > 0 && dataErrors.every((m) => m.skippable);
  const skipping = allSkippable && values[SKIP] === true;
  const cellErrorCount = dataErrors.filter((m) => m.cell).length;
  const canSubmit =
    Boolean(previewCurrent) && (preview!.payload.valid || (skipping && dataErrors.every((m) => m.skippable)));

  const field = (input: InputDeclaration) => (
    <InputField
      key={input.name}
      input={input}
      value={input.type === 'list' ? (values[input.name] ?? '') : values[input.name]}
      file={files[input.name]}
      dynamicOptions={options[input.name]?.options}
      lists={lists}
      messages={forInput(input.name)}
      disabled={locked}
      onChange={(value) => change(input, value)}
      onFile={(file) => chooseFile(input, file)}
    />
  );

  return (
    <div className="stack">
      {!workspace.canRun && (
        <p className="alert warn" role="alert">
          Running a custom import needs the editor role in workspace “{workspace.name}”. Ask an admin of the workspace
          for it.
        </p>
      )}
      <section className="card stack" aria-labelledby="step-inputs">
        <h2 id="step-inputs" style={{ margin: 0 }}>
          1. Inputs
        </h2>
        <form
          className="stack"
          aria-label={`Inputs of ${script.title}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            runPreview.mutate();
          }}
        >
          {own.map(field)}
          <fieldset
            className="stack"
            // min-width 0: a fieldset is otherwise as wide as its widest select's longest option, and
            // on a phone that pushed the page wider than the screen.
            style={{ border: '1px solid var(--border)', borderRadius: 'var(--radius)', minWidth: 0 }}
          >
            <legend>Load options</legend>
            {standard.map(field)}
          </fieldset>
          <Messages messages={general} label="Messages about the inputs" />
          <ErrorMessage error={validate.error ?? runPreview.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={busy || locked}>
              {runPreview.isPending ? 'Previewing…' : 'Preview'}
            </button>
            {validate.isPending && (
              <span className="hint" role="status">
                Checking the inputs…
              </span>
            )}
            {checked && !validate.isPending && (
              <span className={`badge ${checked.valid ? 'completed' : 'failed'}`} role="status">
                {checked.valid
                  ? preview
                    ? 'Inputs and data checked'
                    : 'Inputs look right — preview to check the data'
                  : dataErrors.length > 0
                    ? 'The data has problems'
                    : 'Inputs need attention'}
              </span>
            )}
          </div>
        </form>
      </section>

      {preview && (
        <section className="card stack" aria-labelledby="step-preview">
          <h2 id="step-preview" style={{ margin: 0 }}>
            2. Preview
          </h2>
          {!previewCurrent && (
            <p className="alert warn">The inputs changed since this preview. Preview again before submitting.</p>
          )}
          {dataErrors.length > 0 && (
            <div className="stack">
              <p className="alert error" role="alert">
                <strong>The preview found {plural(dataErrors.length, 'problem')} in the data.</strong>{' '}
                {dataErrors.length === 1
                  ? allSkippable
                    ? 'Fix it in the source and preview again, or leave out the row it is in.'
                    : 'Fix it in the source and preview again: the import cannot be submitted until then.'
                  : allSkippable
                    ? 'Fix them in the source and preview again, or leave out the rows they are in.'
                    : 'Fix them in the source and preview again: the import cannot be submitted until then.'}
              </p>
              <Messages messages={dataErrors} label="Problems in the data" />
              {allSkippable && (
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={values[SKIP] === true}
                    disabled={locked}
                    onChange={(e) => setValues({ ...values, [SKIP]: e.target.checked })}
                  />
                  <span>
                    Leave out the {cellErrorCount > 0 ? 'rows with these error cells' : 'rows with these problems'} and
                    import the rest
                  </span>
                </label>
              )}
            </div>
          )}
          <PreviewTable
            columns={preview.payload.columns ?? []}
            rows={preview.payload.rows ?? []}
            totalRows={preview.payload.totalRows}
          />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={!canSubmit || busy || locked}
              onClick={() => submit.mutate()}
            >
              {submit.isPending ? 'Submitting…' : 'Submit import'}
            </button>
            <span className="hint">
              {dataErrors.length > 0 && !canSubmit
                ? 'Submit is available once the problems are fixed (or their rows left out).'
                : 'The server reads the inputs again when you submit, and loads all records or none.'}
            </span>
          </div>
          <ErrorMessage error={submit.error} />
          {!jobId && <Messages messages={submitMessages.filter((m) => !m.input)} label="Submit messages" />}
        </section>
      )}

      {jobId && (
        <section className="card stack" aria-labelledby="step-job">
          <h2 id="step-job" style={{ margin: 0 }}>
            3. Job
          </h2>
          <Messages messages={submitMessages.filter((m) => m.status !== 'INFO')} label="Submit messages" />
          <JobStatus jobId={jobId} />
        </section>
      )}
    </div>
  );
}

/** Empty fields are not sent: the server then applies the declared default (or says the input is required). */
function nonEmpty(values: Record<string, FieldValue>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}
