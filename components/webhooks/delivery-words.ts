/**
 * Why a delivery did not get through, and what to do, in words an admin who did not write the
 * receiver can act on: the log keeps the receiver's status and the first bytes of its answer, which
 * say little on their own ("503", "connect ECONNREFUSED 10.0.0.5:443").
 */
export function deliveryProblemWords(d: { responseStatus: number | null; responseExcerpt: string | null }): string {
  const status = d.responseStatus;
  const excerpt = d.responseExcerpt ?? '';
  if (status === null) {
    if (excerpt.startsWith('No answer within')) {
      return `${excerpt} The receiver is too slow or does not answer: it should answer at once and do its work afterwards.`;
    }
    if (excerpt.startsWith('Could not connect')) {
      return 'Nothing answered at this address. Check the URL, and that the receiving system is running and reachable from Listport.';
    }
    // Refused before connecting (a private address): the message already says why in words.
    return excerpt || 'No answer.';
  }
  if (status >= 300 && status < 400) {
    return `The address answered ${status}, a redirect to another address. Listport does not follow redirects: enter the address it points to.`;
  }
  if (status === 401 || status === 403) {
    return `The receiver refused the call (${status}). Check that it verifies calls with this endpoint’s current signing secret.`;
  }
  if (status === 404 || status === 405 || status === 410) {
    return `The receiver has nothing at this address (${status}). Check the URL’s path.`;
  }
  if (status >= 400 && status < 500) {
    return `The receiver rejected the call (${status}). Its own log says why; ask whoever runs it.`;
  }
  if (status >= 500) {
    return `The receiving system had a problem or is down (${status}). Listport tries again; if this lasts, ask whoever runs it.`;
  }
  return `The receiver answered ${status}, which is not a success (200–299).`;
}
