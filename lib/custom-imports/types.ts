import type { ListColumn } from '@/lib/shared/list-column';

/**
 * The contract between Listport and a custom import script. A script is a module in
 * `lib/custom-imports/scripts/<semver>-<name>.ts` whose exports match `ScriptModule`. Everything a
 * script declares is plain data (sent to API clients and rendered as a form); everything it does
 * runs in a sandboxed worker thread with a deadline and a memory bound.
 */

export const INPUT_TYPES = ['string', 'number', 'date', 'checkbox', 'select', 'file', 'list'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export type MessageStatus = 'INFO' | 'WARN' | 'ERROR';

/**
 * One message of the seed's validation payload; `input` names the input it is about, if any. A
 * problem in the source data (an Excel error cell) carries `cell` and is `skippable`: the job can
 * leave its row out when the person asks it to (the `skipSourceProblems` load option).
 */
export type Message = {
  status: MessageStatus;
  title: string;
  message: string;
  input?: string;
  cell?: string;
  skippable?: boolean;
};

/**
 * A select's choice. `detail`, when given, says what choosing it does and is shown under the select
 * once chosen; `short` is the label on a phone, where a closed select cuts a long one (the label is
 * then written out under the select).
 */
export type SelectOption = { value: string; label: string; short?: string; detail?: string };

/** Declarative checks on a value, evaluated by Listport before any script code runs. */
export type Validator =
  | { type: 'minLength'; value: number; message?: string }
  | { type: 'maxLength'; value: number; message?: string }
  | { type: 'pattern'; value: string; message?: string }
  | { type: 'min'; value: number; message?: string }
  | { type: 'max'; value: number; message?: string }
  | { type: 'integer'; message?: string }
  | { type: 'minDate'; value: string; message?: string }
  | { type: 'maxDate'; value: string; message?: string }
  | { type: 'extensions'; value: string[]; message?: string }
  | { type: 'maxBytes'; value: number; message?: string };

type InputBase = {
  name: string;
  label: string;
  help?: string;
  required?: boolean;
  validators?: Validator[];
  /** Set by Listport on the load options every custom import has (mode, errorThreshold). */
  standard?: boolean;
};

export type StringInput = InputBase & { type: 'string'; default?: string; placeholder?: string };
export type NumberInput = InputBase & { type: 'number'; default?: number };
export type DateInput = InputBase & { type: 'date'; default?: string };
export type CheckboxInput = InputBase & { type: 'checkbox'; default?: boolean };
/** `dynamic`: the options come from the script's `options()` once the inputs it depends on are given. */
export type SelectInput = InputBase & {
  type: 'select';
  options: SelectOption[];
  default?: string;
  dynamic?: { dependsOn: string[] };
};
export type FileInput = InputBase & { type: 'file'; accept?: string[] };
export type ListInput = InputBase & { type: 'list' };

export type InputDeclaration =
  StringInput | NumberInput | DateInput | CheckboxInput | SelectInput | FileInput | ListInput;

/** A file input's value as a script sees it: a file on the server's disk, read by path. */
export type FileValue = { name: string; size: number; type: string; path: string; sha256: string };

/** A list input's value: the target list in the caller's workspace, with its columns and their constraints. */
export type ListValue = {
  id: string;
  name: string;
  columns: Omit<ListColumn, 'storage'>[];
};

export type InputValue = string | number | boolean | FileValue | ListValue | null;
export type InputValues = Record<string, InputValue>;

export type DynamicOptions = Record<string, { options: SelectOption[]; default?: string }>;

export type ValidationResult = { valid: boolean; messages: Message[] };

export type Preview = {
  columns: string[];
  rows: (string | number | boolean | null)[][];
  totalRows?: number;
  messages: Message[];
};

/** A record a script yields: keyed by list column name, or an array in list column order. */
export type ScriptRecord = Record<string, unknown> | unknown[];

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** A problem in the source data, reported like a CSV validation error (row, column, value, remediation). */
export type SourceProblem = { row?: number; column?: string; value?: string; message: string; remediation: string };

export type ScriptContext = {
  log(level: LogLevel, message: string): void;
  /** Run only: how many source records have been read so far (shown on the job). */
  progress(rowsRead: number): void;
  /** Run only: a problem in the source; any problem fails the job and nothing is loaded. */
  problem(problem: SourceProblem): void;
  /** How many rows a preview shows. */
  previewRows: number;
  /** Options of the dynamic selects, as computed for these values. */
  options: DynamicOptions;
};

export type ScriptModule = {
  title?: string;
  description: string;
  inputs: InputDeclaration[];
  options?: (values: InputValues, ctx: ScriptContext) => Promise<DynamicOptions>;
  validate?: (values: InputValues, ctx: ScriptContext) => Promise<ValidationResult | Message[]>;
  preview: (values: InputValues, ctx: ScriptContext) => Promise<Preview>;
  run: (values: InputValues, ctx: ScriptContext) => AsyncIterable<ScriptRecord> | Iterable<ScriptRecord>;
};

/** A registered script as API clients see it. */
export type ScriptInfo = {
  id: string;
  name: string;
  version: string;
  title: string;
  description: string;
  inputs: InputDeclaration[];
};
