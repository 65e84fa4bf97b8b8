/**
 * Patterns offered on the create-list form, for values people often need to check. A pattern is a
 * regular expression the whole value must match (see lib/lists/column-pattern.ts).
 */
export const READY_PATTERNS = [
  { label: 'Email address', pattern: '[^@\\s]+@[^@\\s]+\\.[^@\\s]+', examples: ['ana@example.com'] },
  { label: 'UK postcode', pattern: '[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}', examples: ['SW1A 1AA', 'M1 1AE'] },
  { label: 'US ZIP code', pattern: '[0-9]{5}(-[0-9]{4})?', examples: ['90210', '10001-1234'] },
  { label: 'Postcode of 4 or 5 digits', pattern: '[0-9]{4,5}', examples: ['1010', '75008'] },
  {
    label: 'Phone number (digits, spaces, + ( ) -)',
    pattern: '\\+?[(]?[0-9][0-9 ()-]{5,19}',
    examples: ['+44 20 7946 0958', '(555) 123-4567'],
  },
] as const;
