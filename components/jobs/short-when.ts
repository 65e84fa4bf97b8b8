/** "1 Dec, 10:37" in the reader's zone; "1 Dec 2025, 10:37" for another year. Browser only: the server knows no zone. */
export function shortWhen(timeStamp: string): string {
  const date = new Date(timeStamp);
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() !== new Date().getFullYear() && { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}
