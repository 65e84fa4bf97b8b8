/** The password rule, shared by the server's checks and the browser's forms (no Node imports here). */
export const PASSWORD_RULE = 'Passwords need at least 10 characters, with at least one letter and one digit or symbol.';
/** The same rule as the hint under a new-password field says it. */
export const PASSWORD_HINT = 'At least 10 characters, with a letter and a digit or symbol.';

export function isAcceptablePassword(password: string): boolean {
  return password.length >= 10 && password.length <= 200 && /\p{L}/u.test(password) && /[^\p{L}]/u.test(password);
}
