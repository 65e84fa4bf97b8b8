import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Custom imports' };

export default function CustomImportsPage() {
  return (
    <div className="stack">
      <h1>Custom imports</h1>
      <div className="card empty">
        <p>No custom import scripts are installed on this server.</p>
        <p className="hint">Custom imports load data from sources other than CSV (Excel workbooks, JSON) through the same validation as a CSV import.</p>
      </div>
    </div>
  );
}
