import { IMPORT_MODE_WORDS, IMPORT_MODES, importModeDetail } from '@/lib/shared/import-mode';

import type { InputDeclaration } from './types';

/**
 * Every custom import loads like a CSV import, so it offers the CSV import's load options. They are
 * appended to each script's own inputs; scripts never see or declare them.
 */
export const STANDARD_INPUTS: InputDeclaration[] = [
  {
    name: 'mode',
    type: 'select',
    label: 'How to load',
    // What each way does is said under the select for the one chosen, not all three at once.
    options: IMPORT_MODES.map((mode) => ({
      value: mode,
      label: IMPORT_MODE_WORDS[mode].label,
      short: IMPORT_MODE_WORDS[mode].short,
      detail: importModeDetail(mode),
    })),
    default: 'upsert',
    required: true,
    standard: true,
  },
  {
    name: 'errorThreshold',
    type: 'number',
    label: 'Stop after this many errors',
    help: 'Validation of the records stops after this many errors; nothing is loaded when there is any.',
    default: 100,
    required: true,
    validators: [{ type: 'integer' }, { type: 'min', value: 1 }, { type: 'max', value: 10_000 }],
    standard: true,
  },
  {
    name: 'skipSourceProblems',
    type: 'checkbox',
    label: 'Leave out the rows the source cannot give (such as Excel error cells)',
    help: 'Off: any such row stops the import and nothing is loaded. On: those rows are left out and listed in the job log; every other record is still checked.',
    default: false,
    standard: true,
  },
];
