/**
 * `Content-Disposition` for a download named `name`, as RFC 6266/8187 spell it: every byte but
 * attr-chars percent-encoded. encodeURIComponent alone leaves `'`, `(`, `)` and `*`, and a `'` in
 * `filename*` ends the charset'language' prefix early, so a file named "it's.csv" arrived as "s.csv".
 */
export function attachmentDisposition(name: string): string {
  const encoded = encodeURIComponent(name.toWellFormed()).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}
