/**
 * The job log line of an import whose file has the very content of an earlier import of the list.
 * The API's log says which job (its id, for scripts to follow) and when it was made; the job page
 * reads the line back and shows it in words, with a link to that job instead of the id.
 */
export function sameFileLine(earlier: { id: string; createdAt: Date }): string {
  return `This file has the same content (SHA-256) as an earlier import of this list: job ${earlier.id} of ${earlier.createdAt.toISOString()}.`;
}

export type SameFileLine = { jobId: string; createdAt?: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// This line's words, and those of the logs written before it named the time ("… as job <id>.").
const SAME_FILE = new RegExp(
  `^This file has the same content \\((?:sha256|SHA-256)\\) as (?:an earlier import of this list: )?job (${UUID})(?: of (\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z))?\\.$`,
  'i',
);

/** The earlier job a log line names, if it is the same-file line (either wording); undefined otherwise. */
export function readSameFileLine(message: string): SameFileLine | undefined {
  const match = SAME_FILE.exec(message);
  if (!match) return undefined;
  return { jobId: match[1]!.toLowerCase(), ...(match[2] && { createdAt: match[2] }) };
}
