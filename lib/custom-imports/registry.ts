import { checkScriptModule } from './declaration';
import { SCRIPT_LOADERS } from './registry.generated';
import { compareVersions, parseScriptFileName } from './script-id';
import { STANDARD_INPUTS } from './standard-inputs';
import type { ScriptInfo, ScriptModule } from './types';

export type RegisteredScript = ScriptInfo & { module: ScriptModule };
export type RegistryProblem = { id: string; problems: string[] };
export type Registry = { scripts: RegisteredScript[]; problems: RegistryProblem[] };

type Loaders = Record<string, () => Promise<unknown>>;

/**
 * Loads every script of the generated registry and checks its declaration. A script that fails to
 * load or declares invalid inputs is left out and reported; the others are served.
 */
export async function buildRegistry(loaders: Loaders): Promise<Registry> {
  const scripts: RegisteredScript[] = [];
  const problems: RegistryProblem[] = [];
  for (const [id, load] of Object.entries(loaders)) {
    const parsedId = parseScriptFileName(`${id}.ts`);
    if (!parsedId) {
      problems.push({ id, problems: ['the file name must be <major>.<minor>.<patch>-<kebab-case-name>.ts'] });
      continue;
    }
    let exports: unknown;
    try {
      exports = await load();
    } catch (error) {
      problems.push({ id, problems: [`failed to load: ${error instanceof Error ? error.message : String(error)}`] });
      continue;
    }
    const checked = checkScriptModule(exports);
    if (!checked.ok) {
      problems.push({ id, problems: checked.problems });
      continue;
    }
    const script = checked.module;
    scripts.push({
      ...parsedId,
      title: script.title ?? parsedId.name,
      description: script.description,
      inputs: [...script.inputs, ...STANDARD_INPUTS],
      module: script,
    });
  }
  scripts.sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  return { scripts, problems };
}

const registryKey = Symbol.for('listport.customImports.registry');
type GlobalWithRegistry = typeof globalThis & { [registryKey]?: Promise<Registry> };

/** The process's registry, built once (Next bundles routes separately: the cache lives on globalThis). */
export function getRegistry(): Promise<Registry> {
  const g = globalThis as GlobalWithRegistry;
  g[registryKey] ??= buildRegistry(SCRIPT_LOADERS);
  return g[registryKey];
}

export async function findScript(id: string): Promise<RegisteredScript | undefined> {
  return (await getRegistry()).scripts.find((s) => s.id === id);
}

export function toScriptInfo(script: RegisteredScript): ScriptInfo {
  const { module: _module, ...info } = script;
  return info;
}

/** Logged when a server process starts, so a broken script is noticed at start, not at first use. */
export async function reportRegistry(
  log: (line: string) => void = console.log,
  warn: (line: string) => void = console.error,
): Promise<Registry> {
  const registry = await getRegistry();
  log(
    `[custom-imports] ${registry.scripts.length} script(s) registered: ${registry.scripts.map((s) => s.id).join(', ') || '(none)'}`,
  );
  for (const problem of registry.problems) {
    warn(`[custom-imports] script ${problem.id} is NOT registered: ${problem.problems.join('; ')}`);
  }
  return registry;
}
