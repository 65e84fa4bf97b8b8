/**
 * `npm run custom-imports:registry` (also run before build and test): writes registry.generated.ts
 * from the scripts folder, then loads every script and checks its declaration, so a broken script is
 * reported before the server starts. `--check` only verifies the committed module is current.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkScriptModule } from './declaration';
import { renderRegistrySource } from './registry-source';

const here = path.dirname(fileURLToPath(import.meta.url));
const scriptsDir = path.join(here, 'scripts');
const target = path.join(here, 'registry.generated.ts');

async function main(): Promise<number> {
  const { source, ignored } = renderRegistrySource(await fs.readdir(scriptsDir));
  for (const name of ignored)
    console.error(`[custom-imports] ignored scripts/${name}: name it <major>.<minor>.<patch>-<kebab-case-name>.ts`);
  const current = await fs.readFile(target, 'utf8').catch(() => '');
  if (process.argv.includes('--check')) {
    if (current === source) return 0;
    console.error('[custom-imports] registry.generated.ts is out of date: run `npm run custom-imports:registry`.');
    return 1;
  }
  // Only write on change: an unchanged file keeps its timestamp, so builds are not invalidated.
  if (current !== source) await fs.writeFile(target, source);
  const { SCRIPT_LOADERS } = (await import(target)) as { SCRIPT_LOADERS: Record<string, () => Promise<unknown>> };
  let broken = 0;
  for (const [id, load] of Object.entries(SCRIPT_LOADERS)) {
    try {
      const checked = checkScriptModule(await load());
      if (!checked.ok) {
        broken++;
        console.error(`[custom-imports] ${id} declares invalid inputs: ${checked.problems.join('; ')}`);
      }
    } catch (error) {
      broken++;
      console.error(`[custom-imports] ${id} failed to load: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const count = Object.keys(SCRIPT_LOADERS).length;
  console.log(
    `[custom-imports] registry: ${count - broken} of ${count} script(s) valid${broken ? ` — ${broken} will NOT be registered` : ''}.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
