/**
 * "Dec 1, 10:37 AM" in the reader's zone and language, as LocalTime writes the page's other times
 * (without the year, unless it is another year's). Browser only: the server knows no zone.
 */
export function shortWhen(timeStamp: string): string {
  const date = new Date(timeStamp);
  return date.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() !== new Date().getFullYear() && { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  });
}
