import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { errorsDoc } from './errors-doc';

describe('docs/errors.md', () => {
  it('lists every code of the registries as they are now (npm run docs:errors writes it)', () => {
    const written = fs.readFileSync(path.join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
    expect(written).toBe(errorsDoc());
  });
});
