/** Thrown inside a running job to stop it: its transaction rolls back and it ends cancelled. */
export class JobCancelled extends Error {}
