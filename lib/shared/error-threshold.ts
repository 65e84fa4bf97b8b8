/**
 * The most errors a job may be asked to stop checking at: the API refuses more, and the import
 * wizard's field says so as it is typed. A leaf module, so the browser reads the same figure.
 */
export const MAX_ERROR_THRESHOLD = 10_000;

/** What the API uses when a job does not say. */
export const DEFAULT_ERROR_THRESHOLD = 100;

/**
 * What is wrong with an error threshold as typed in a field, in words for the person typing it;
 * undefined when it is a whole number from 1 to MAX_ERROR_THRESHOLD.
 */
export function errorThresholdProblem(typed: string): string | undefined {
  const range = `from 1 to ${MAX_ERROR_THRESHOLD.toLocaleString('en-US')}`;
  const text = typed.trim();
  if (text === '') return `Enter how many errors to stop at: a whole number ${range}.`;
  const value = Number(text);
  if (!Number.isFinite(value)) return `Enter a whole number ${range}.`;
  if (!Number.isInteger(value)) return `Enter a whole number, without decimals, ${range}.`;
  if (value < 1 || value > MAX_ERROR_THRESHOLD) return `Enter a whole number ${range}.`;
  return undefined;
}
