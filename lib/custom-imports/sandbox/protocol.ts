import type { DynamicOptions, InputValues, LogLevel, Preview, SourceProblem, ValidationResult } from '../types';

/** What a sandboxed worker is asked to do: evaluate a script's validate, preview or run. */
export type SandboxTask = {
  scriptId: string;
  method: 'validate' | 'preview' | 'run';
  values: InputValues;
  /** Whether Listport's own checks of the values passed; the script's validate() only runs if so. */
  inputsValid: boolean;
  previewRows: number;
  maxRecords: number;
};

export type SandboxResult = {
  options: DynamicOptions;
  validation: ValidationResult;
  preview?: Preview;
  /** Run only: records produced. */
  recordCount?: number;
};

/** Worker → parent. `records` batches wait for an `ack`, so a fast script cannot flood the parent. */
export type WorkerMessage =
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'progress'; rowsRead: number }
  | { type: 'problem'; problem: SourceProblem }
  | { type: 'records'; rows: string[][] }
  | { type: 'result'; result: SandboxResult }
  | { type: 'failure'; message: string; stack?: string };

export type ParentMessage = { type: 'ack' };

export type WorkerData = { task: SandboxTask; entry?: string };
