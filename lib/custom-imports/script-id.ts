/** `0.0.1-excel-sheet.ts` → id `0.0.1-excel-sheet`, version `0.0.1`, name `excel-sheet`. */
const SCRIPT_FILE = /^(\d+\.\d+\.\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.ts$/;

export type ScriptId = { id: string; version: string; name: string };

export function parseScriptFileName(fileName: string): ScriptId | undefined {
  const match = SCRIPT_FILE.exec(fileName);
  if (!match || fileName.endsWith('.test.ts')) return undefined;
  const [, version, name] = match as unknown as [string, string, string];
  return { id: `${version}-${name}`, version, name };
}

/** Tests next to the scripts are not scripts; anything else that does not follow the naming rule is reported. */
export function isScriptCandidate(fileName: string): boolean {
  return fileName.endsWith('.ts') && !fileName.endsWith('.test.ts') && !fileName.endsWith('.d.ts');
}

/** API clients may name a script with its file extension, as the seed's job names show (`0.0.1-x.js`). */
export function normalizeScriptId(raw: string): string {
  return decodeURIComponent(raw).replace(/\.(ts|js)$/, '');
}

/** Orders versions numerically, so 0.0.10 comes after 0.0.9. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
