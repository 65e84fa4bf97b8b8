import { describe, expect, it } from 'vitest';

import { jsonShapeGuard } from './json-shape';

const LIMITS = { maxDepth: 3, maxMembers: 2 };

function check(...chunks: string[]) {
  const guard = jsonShapeGuard(LIMITS);
  for (const chunk of chunks) {
    const refusal = guard(chunk);
    if (refusal) return refusal.kind;
  }
  return undefined;
}

describe('jsonShapeGuard', () => {
  it('passes bodies within the limits, whatever their strings hold', () => {
    expect(check('{"a":[[1,2,3,4,5]],"b":"{[{[,,,,\\"]}]}"}')).toBeUndefined();
    expect(check('{}', '[]')).toBeUndefined();
    expect(check('[{"a":1,"b":2},{"a":1,"b":2}]')).toBeUndefined();
  });

  it('refuses nesting past maxDepth, across chunks', () => {
    expect(check('[[', '[[]]]]')).toBe('depth');
    expect(check('{"a":{"b":{"c":{}}}}')).toBe('depth');
  });

  it('refuses an object with more than maxMembers properties, but not a long array', () => {
    expect(check('{"a":1,"b":2,', '"c":3}')).toBe('members');
    expect(check('[1,2,3,4,5,6]')).toBeUndefined();
    expect(check('{"a":"x,y,z","b":[1,2,3]}')).toBeUndefined();
  });

  it('follows escaped quotes split across chunks', () => {
    expect(check('{"a":"\\', '",,,,","b":1}')).toBeUndefined();
  });
});
