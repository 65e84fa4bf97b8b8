/**
 * Writes docs/errors.md from the code registries (lib/errors.ts, lib/csv/problem.ts) and their
 * meanings (lib/error-meanings.ts): `npm run docs:errors`. A unit test fails when the file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';

import { errorsDoc } from '@/lib/errors-doc';

const target = path.join(process.cwd(), 'docs', 'errors.md');
fs.writeFileSync(target, errorsDoc());
console.log(`Wrote ${target}`);
