'use client';

import { useId, useState, type FormEvent } from 'react';

import { ConfirmDialog, useDialog } from '@/components/ui/confirm-dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { useDialogAction } from '@/components/ui/use-dialog-action';
import { addColumn, changeColumn, type ListColumnView } from '@/lib/api/lists';
import { TYPE_WORDS } from '@/lib/lists/type-words';
import { DATE_PATTERNS, DATETIME_PATTERNS } from '@/lib/shared/column-formats';
import { DATA_TYPES, type DataType } from '@/lib/shared/data-types';

type Props = {
  listId: string;
  recordCount: number;
  /** The column to change; absent: a new column is added. */
  column?: ListColumnView;
  /** The button that opens the dialog. */
  label: string;
  ariaLabel?: string;
  buttonClass?: string;
  /** A name to start from (a file column in the import wizard). */
  suggestedName?: string;
  onSaved: (list: { columns: ListColumnView[] }, columnName: string) => void;
};

/**
 * Adds a column or changes one: name, rules, allowed values and how files write it. The server
 * checks the change against every record; a refusal says how many records and shows one.
 */
export function ColumnDialog(props: Props) {
  const dialog = useDialog();
  const id = useId();
  const { column } = props;
  const [dataType, setDataType] = useState<DataType>(column?.dataType ?? 'string');
  const [required, setRequired] = useState(column?.required ?? false);
  const { error, busy, run, open } = useDialogAction(dialog);
  const adding = column === undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const maxLength = text('maxLength');
    const allowed = text('allowedValues')
      .split('\n')
      .map((v) => v.trim())
      .filter(Boolean);
    const formatValue = text('format');
    // The other fields of a format (thousands separator, time zone) are kept as they were.
    const formatField = dataType === 'integer' || dataType === 'number' ? 'decimalSeparator' : 'pattern';
    const format = formatValue === '' ? null : { ...column?.format, [formatField]: formatValue };
    const rules = {
      required,
      ...(dataType === 'string' && {
        maxLength: maxLength ? Number(maxLength) : null,
        pattern: text('pattern') || null,
      }),
      allowedValues: allowed.length > 0 ? allowed : null,
      ...(dataType !== 'string' && dataType !== 'boolean' && { format }),
    };
    const name = text('name');
    await run(
      () =>
        adding
          ? addColumn(props.listId, {
              name,
              dataType,
              ...withoutNulls(rules),
              ...(text('default') !== '' && { default: text('default') }),
            })
          : changeColumn(props.listId, column.name, { ...(name !== column.name && { name }), ...rules }),
      (list) => props.onSaved(list, name),
    );
  }

  const formatChoices =
    dataType === 'date'
      ? DATE_PATTERNS
      : dataType === 'datetime'
        ? DATETIME_PATTERNS
        : dataType === 'integer' || dataType === 'number'
          ? (['.', ','] as const)
          : [];
  // Boolean words are kept as they are: this dialog offers the date layouts and decimal separators.
  const shown = column?.format as { pattern?: string; decimalSeparator?: string } | undefined;
  const currentFormat = shown?.pattern ?? shown?.decimalSeparator ?? '';

  return (
    <>
      <button type="button" className={props.buttonClass} aria-label={props.ariaLabel} onClick={open}>
        {props.label}
      </button>
      <ConfirmDialog
        dialog={dialog}
        title={adding ? 'Add a column' : `Change “${column.name}”`}
        className="column-dialog"
        confirmLabel={adding ? 'Add column' : 'Save column'}
        confirmDisabled={busy}
        onSubmit={(e) => void submit(e)}
        focusCancel={false}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            name="name"
            defaultValue={column?.name ?? props.suggestedName ?? ''}
            required
            maxLength={200}
            autoFocus
          />
          {!adding && <span className="hint">Files must name the column this way from now on.</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          {adding ? (
            <select id={`${id}-type`} value={dataType} onChange={(e) => setDataType(e.target.value as DataType)}>
              {DATA_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_WORDS[t]}
                </option>
              ))}
            </select>
          ) : (
            <input id={`${id}-type`} value={TYPE_WORDS[dataType]} readOnly aria-describedby={`${id}-type-hint`} />
          )}
          {!adding && (
            <span className="hint" id={`${id}-type-hint`}>
              The type of an existing column cannot change: its records are stored as {TYPE_WORDS[dataType]}.
            </span>
          )}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={required}
            disabled={column?.isKey}
            onChange={(e) => setRequired(e.target.checked)}
          />{' '}
          Every record must have a value
        </label>
        {adding && (
          <div className="field">
            <label htmlFor={`${id}-default`}>
              Value for the {props.recordCount.toLocaleString('en-US')} existing records
            </label>
            <input id={`${id}-default`} name="default" aria-describedby={`${id}-default-hint`} />
            <span className="hint" id={`${id}-default-hint`}>
              {required && props.recordCount > 0
                ? 'Needed: the column is required and the list already has records.'
                : 'Optional: leave empty to keep the column empty in existing records.'}
            </span>
          </div>
        )}
        {dataType === 'string' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-max`}>Longest value (characters)</label>
              <input
                id={`${id}-max`}
                name="maxLength"
                type="number"
                min={1}
                defaultValue={column?.maxLength ?? ''}
                inputMode="numeric"
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-pattern`}>Pattern (regular expression)</label>
              <input
                id={`${id}-pattern`}
                name="pattern"
                defaultValue={column?.pattern ?? ''}
                aria-describedby={`${id}-pattern-hint`}
              />
              <span className="hint" id={`${id}-pattern-hint`}>
                For example [A-Z]{'{2}'}\d{'{4}'} for two capitals then four digits.
              </span>
            </div>
          </>
        )}
        {formatChoices.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-format`}>
              {dataType === 'integer' || dataType === 'number' ? 'Decimal separator in files' : 'Written in files as'}
            </label>
            <select id={`${id}-format`} name="format" defaultValue={currentFormat}>
              <option value="">Standard ({dataType === 'integer' || dataType === 'number' ? '.' : 'ISO'})</option>
              {formatChoices.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-allowed`}>Allowed values, one per line</label>
          <textarea
            id={`${id}-allowed`}
            name="allowedValues"
            rows={3}
            defaultValue={column?.allowedValues?.join('\n') ?? ''}
            aria-describedby={`${id}-allowed-hint`}
          />
          <span className="hint" id={`${id}-allowed-hint`}>
            Leave empty to allow any value.
          </span>
        </div>
        <ErrorMessage error={error} />
      </ConfirmDialog>
    </>
  );
}

function withoutNulls<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}
