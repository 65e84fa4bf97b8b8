import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { IMPORT_MODE_WORDS, importModeDetail } from '@/lib/shared/import-mode';

import { checkScriptModule } from './declaration';
import { buildRegistry, reportRegistry } from './registry';
import { renderRegistrySource } from './registry-source';
import { normalizeScriptId, parseScriptFileName } from './script-id';

const minimal = {
  description: 'x',
  inputs: [{ name: 'list', type: 'list', label: 'List' }],
  preview: async () => ({ columns: [], rows: [], messages: [] }),
  run: function* () {},
};

describe('script registry', () => {
  it('the committed registry.generated.ts matches the scripts folder (run `npm run custom-imports:registry`)', async () => {
    const dir = path.join(__dirname, 'scripts');
    const { source } = renderRegistrySource(await fs.readdir(dir));
    expect(await fs.readFile(path.join(__dirname, 'registry.generated.ts'), 'utf8')).toBe(source);
  });

  it('registers every shipped script with its inputs and the standard load options', async () => {
    const { SCRIPT_LOADERS } = await import('./registry.generated');
    const registry = await buildRegistry(SCRIPT_LOADERS);
    expect(registry.problems).toEqual([]);
    expect(registry.scripts.map((s) => s.id)).toEqual([
      '0.0.1-contacts-cleanup',
      '0.0.1-excel-sheet',
      '0.0.1-json-records',
    ]);
    const excel = registry.scripts.find((s) => s.name === 'excel-sheet')!;
    expect(excel).toMatchObject({ version: '0.0.1', title: 'Excel workbook sheet → list' });
    expect(excel.inputs.map((i) => i.name)).toEqual([
      'file',
      'sheet',
      'headerRow',
      'list',
      'mode',
      'errorThreshold',
      'skipSourceProblems',
    ]);
  });

  it('names scripts <semver>-<name>.ts; others and tests are not scripts', () => {
    expect(parseScriptFileName('0.0.10-my-import.ts')).toEqual({
      id: '0.0.10-my-import',
      version: '0.0.10',
      name: 'my-import',
    });
    expect(parseScriptFileName('0.0.1-my-import.test.ts')).toBeUndefined();
    expect(parseScriptFileName('my-import.ts')).toBeUndefined();
    expect(renderRegistrySource(['0.0.1-a.ts', '0.0.1-a.test.ts', 'helper.ts', 'README.md']).ignored).toEqual([
      'helper.ts',
    ]);
    expect(normalizeScriptId('0.0.1-sample-custom-import-1.js')).toBe('0.0.1-sample-custom-import-1');
  });

  it('leaves out and reports a script that fails to load or declares invalid inputs, keeping the others', async () => {
    const registry = await buildRegistry({
      '0.0.1-good': async () => minimal,
      '0.0.1-throws': async () => {
        throw new Error('Cannot find module "left-pad"');
      },
      '0.0.1-bad-inputs': async () => ({
        ...minimal,
        inputs: [
          { name: 'list', type: 'list', label: 'List' },
          { name: 'n', type: 'number', label: 'N', validators: [{ type: 'pattern', value: '(' }] },
        ],
      }),
      'not-a-version': async () => minimal,
    });
    expect(registry.scripts.map((s) => s.id)).toEqual(['0.0.1-good']);
    expect(registry.problems).toEqual([
      { id: '0.0.1-throws', problems: ['failed to load: Cannot find module "left-pad"'] },
      {
        id: '0.0.1-bad-inputs',
        problems: expect.arrayContaining([
          expect.stringContaining('not a valid regular expression'),
          expect.stringContaining('a number input cannot have a pattern validator'),
        ]),
      },
      { id: 'not-a-version', problems: [expect.stringContaining('<major>.<minor>.<patch>')] },
    ]);
  });

  it('checks declarations: one target list, known dependencies, dynamic options need options()', () => {
    const problems = (exports: unknown) => {
      const checked = checkScriptModule(exports);
      return checked.ok ? [] : checked.problems;
    };
    expect(problems(minimal)).toEqual([]);
    expect(problems({ ...minimal, inputs: [] })).toEqual([expect.stringContaining('exactly one input of type "list"')]);
    expect(
      problems({
        ...minimal,
        inputs: [
          ...minimal.inputs,
          { name: 's', type: 'select', label: 'S', options: [], dynamic: { dependsOn: ['nope'] } },
        ],
      }),
    ).toEqual([
      expect.stringContaining('depends on unknown input "nope"'),
      expect.stringContaining('must export options()'),
    ]);
    expect(problems({ ...minimal, inputs: [...minimal.inputs, { name: 'mode', type: 'string', label: 'M' }] })).toEqual(
      [expect.stringContaining('load option every custom import has')],
    );
    expect(problems({ ...minimal, run: undefined })).toEqual([expect.stringContaining('run')]);
  });

  it('reports at start which scripts are registered and which are not', async () => {
    const lines: string[] = [];
    await reportRegistry(
      (l) => lines.push(l),
      (l) => lines.push(l),
    );
    expect(lines[0]).toMatch(/3 script\(s\) registered: 0.0.1-contacts-cleanup, 0.0.1-excel-sheet, 0.0.1-json-records/);
  });
});

describe('what the custom import form says', () => {
  it("speaks a business user's words: no E.164, no mode names, the load modes as the import wizard says them", async () => {
    const { SCRIPT_LOADERS } = await import('./registry.generated');
    const registry = await buildRegistry(SCRIPT_LOADERS);
    for (const script of registry.scripts) {
      const texts = [
        script.title,
        script.description,
        ...script.inputs.flatMap((input) => [
          input.label,
          input.help ?? '',
          ...('options' in input && input.options ? input.options.flatMap((o) => [o.label, o.detail ?? '']) : []),
        ]),
      ];
      for (const text of texts) {
        expect(text, script.id).not.toMatch(/E\.?164|\bupsert\b|\bappend\b|\(replace\)|\breplace:/i);
      }
      const mode = script.inputs.find((input) => input.name === 'mode')!;
      // Each way says what it does, shown under the select once chosen — not all three in one help text.
      expect(mode.type === 'select' && mode.options).toEqual([
        {
          value: 'upsert',
          label: IMPORT_MODE_WORDS.upsert.label,
          short: IMPORT_MODE_WORDS.upsert.short,
          detail: importModeDetail('upsert'),
        },
        {
          value: 'append',
          label: IMPORT_MODE_WORDS.append.label,
          short: IMPORT_MODE_WORDS.append.short,
          detail: importModeDetail('append'),
        },
        {
          value: 'replace',
          label: IMPORT_MODE_WORDS.replace.label,
          short: IMPORT_MODE_WORDS.replace.short,
          detail: importModeDetail('replace'),
        },
      ]);
      expect(mode.help).toBeUndefined();
    }
    const cleanup = registry.scripts.find((s) => s.name === 'contacts-cleanup')!;
    expect(cleanup.description).toMatch(/international way, with \+ and the country code/);
  });
});
