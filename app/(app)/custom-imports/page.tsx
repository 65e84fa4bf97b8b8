import type { Metadata } from 'next';
import Link from 'next/link';

import { getRegistry } from '@/lib/custom-imports/registry';
import { plural } from '@/lib/shared/plural';

export const metadata: Metadata = { title: 'Custom imports' };

/** The installed custom import scripts: what each does and what it asks for. */
export default async function CustomImportsPage() {
  const { scripts, problems } = await getRegistry();
  return (
    <div className="stack">
      <h1>Custom imports</h1>
      <p className="hint">
        Custom imports load data from sources other than a plain CSV file. Each runs as a job: every record is validated
        like a CSV import, and loaded all or nothing.
      </p>
      {problems.length > 0 && (
        <p className="alert warn">
          {plural(problems.length, 'installed script')} could not be loaded ({problems.map((p) => p.id).join(', ')}).
          The server log says why.
        </p>
      )}
      {scripts.length === 0 ? (
        <div className="card empty">
          <p>No custom import scripts are installed on this server.</p>
        </div>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Custom import scripts">
          {scripts.map((script) => (
            <li key={script.id} className="card stack">
              <div className="row">
                <h2 style={{ margin: 0 }}>
                  <Link href={`/custom-imports/${script.id}`}>{script.title}</Link>
                </h2>
                <span className="hint">version {script.version}</span>
              </div>
              <p style={{ margin: 0 }}>{script.description}</p>
              <p className="hint" style={{ margin: 0 }}>
                Asks for:{' '}
                {script.inputs
                  .filter((i) => !i.standard)
                  .map((i) => i.label)
                  .join(', ')}
                .
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
