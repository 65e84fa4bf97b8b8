/**
 * Long synchronous work (checking thousands of values against a column's pattern, say) gives the
 * rest of the process a turn now and then: on the server, other requests and /api/health are
 * answered meanwhile; in the browser, the page stays responsive. Runs in both.
 */
export type TimeSlicer = {
  /** True once the current slice has run `sliceMs`: the caller should `await pause()`. */
  due(): boolean;
  /** Lets queued events run, then starts a new slice. */
  pause(): Promise<void>;
};

const nextTurn: (resume: () => void) => void =
  typeof setImmediate === 'function' ? (resume) => setImmediate(resume) : (resume) => setTimeout(resume, 0);

export function timeSlicer(sliceMs = 20): TimeSlicer {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    pause: async () => {
      await new Promise<void>((resolve) => nextTurn(resolve));
      started = performance.now();
    },
  };
}
