import { z } from 'zod';

import { STANDARD_INPUTS } from './standard-inputs';
import type { InputDeclaration, ScriptModule } from './types';

/**
 * A script's declaration is checked when the registry is built (at server start and by the
 * registry generator), so a script with a typo in its inputs is reported then, not when a user
 * first opens it.
 */

const message = z.string().min(1).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

const validatorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('minLength'), value: z.number().int().min(0), message }),
  z.object({ type: z.literal('maxLength'), value: z.number().int().min(1), message }),
  z.object({
    type: z.literal('pattern'),
    value: z.string().refine(isRegex, 'not a valid regular expression'),
    message,
  }),
  z.object({ type: z.literal('min'), value: z.number(), message }),
  z.object({ type: z.literal('max'), value: z.number(), message }),
  z.object({ type: z.literal('integer'), message }),
  z.object({ type: z.literal('minDate'), value: isoDate, message }),
  z.object({ type: z.literal('maxDate'), value: isoDate, message }),
  z.object({ type: z.literal('extensions'), value: z.array(z.string().regex(/^\.[a-z0-9]+$/i)).min(1), message }),
  z.object({ type: z.literal('maxBytes'), value: z.number().int().positive(), message }),
]);

const VALIDATORS_BY_TYPE: Record<InputDeclaration['type'], string[]> = {
  string: ['minLength', 'maxLength', 'pattern'],
  number: ['min', 'max', 'integer'],
  date: ['minDate', 'maxDate'],
  checkbox: [],
  select: [],
  file: ['extensions', 'maxBytes'],
  list: [],
};

const base = {
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'input names are identifiers (letters, digits, _)'),
  label: z.string().min(1),
  help: z.string().optional(),
  required: z.boolean().optional(),
  validators: z.array(validatorSchema).optional(),
  standard: z.boolean().optional(),
};
const option = z.object({
  value: z.string(),
  label: z.string().min(1),
  short: z.string().min(1).optional(),
  detail: z.string().min(1).optional(),
});

const inputSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('string'), default: z.string().optional(), placeholder: z.string().optional() }),
  z.object({ ...base, type: z.literal('number'), default: z.number().optional() }),
  z.object({ ...base, type: z.literal('date'), default: isoDate.optional() }),
  z.object({ ...base, type: z.literal('checkbox'), default: z.boolean().optional() }),
  z.object({
    ...base,
    type: z.literal('select'),
    options: z.array(option),
    default: z.string().optional(),
    dynamic: z.object({ dependsOn: z.array(z.string()).min(1) }).optional(),
  }),
  z.object({ ...base, type: z.literal('file'), accept: z.array(z.string()).optional() }),
  z.object({ ...base, type: z.literal('list') }),
]);

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const moduleSchema = z
  .object({
    title: z.string().min(1).optional(),
    description: z.string().min(1, 'describe what the script does'),
    inputs: z.array(inputSchema),
    options: fn.optional(),
    validate: fn.optional(),
    preview: fn,
    run: fn,
  })
  .superRefine((module, ctx) => {
    const names = new Set<string>();
    for (const [i, input] of module.inputs.entries()) {
      if (names.has(input.name))
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', i, 'name'],
          message: `input "${input.name}" is declared twice`,
        });
      names.add(input.name);
      if (STANDARD_INPUTS.some((s) => s.name === input.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['inputs', i, 'name'],
          message: `"${input.name}" is a load option every custom import has; choose another name`,
        });
      }
      for (const validator of input.validators ?? []) {
        if (!VALIDATORS_BY_TYPE[input.type].includes(validator.type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['inputs', i, 'validators'],
            message: `a ${input.type} input cannot have a ${validator.type} validator`,
          });
        }
      }
      if (input.type === 'select') {
        if (!input.dynamic && input.options.length === 0)
          ctx.addIssue({
            code: 'custom',
            path: ['inputs', i, 'options'],
            message: 'a select needs options (or dynamic options)',
          });
        for (const dep of input.dynamic?.dependsOn ?? []) {
          if (!module.inputs.some((other) => other.name === dep))
            ctx.addIssue({
              code: 'custom',
              path: ['inputs', i, 'dynamic'],
              message: `depends on unknown input "${dep}"`,
            });
        }
        if (input.dynamic && !module.options)
          ctx.addIssue({
            code: 'custom',
            path: ['options'],
            message: `select "${input.name}" has dynamic options, so the script must export options()`,
          });
      }
    }
    // One target list per script: it is the list the job locks and loads.
    if (module.inputs.filter((i) => i.type === 'list').length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['inputs'],
        message: 'declare exactly one input of type "list" (the target list)',
      });
    }
    // Multipart requests carry one file part; more file inputs would need a different upload path.
    if (module.inputs.filter((i) => i.type === 'file').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'declare at most one input of type "file"' });
    }
  });

/** Checks a loaded module's exports; returns the problems as readable lines, or the typed module. */
export function checkScriptModule(
  exports: unknown,
): { ok: true; module: ScriptModule } | { ok: false; problems: string[] } {
  const parsed = moduleSchema.safeParse(exports);
  if (parsed.success) return { ok: true, module: exports as ScriptModule };
  return {
    ok: false,
    problems: parsed.error.issues.map(
      (issue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
    ),
  };
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
