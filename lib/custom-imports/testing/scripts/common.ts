import type { InputDeclaration } from '../../types';

/** Test-only scripts (never in scripts/, so never registered): the sandbox's failure paths. */
export const TEST_INPUTS: InputDeclaration[] = [{ name: 'list', type: 'list', label: 'Target list', required: true }];
export const preview = async () => ({ columns: [], rows: [], messages: [] });
