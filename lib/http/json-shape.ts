/** Why a JSON text was refused before parsing (see jsonShapeGuard). */
export type JsonShapeRefusal = { kind: 'depth'; limit: number } | { kind: 'members'; limit: number };

export type JsonShapeLimits = {
  /** Arrays and objects inside one another, at most. */
  maxDepth: number;
  /** Properties of any one object, at most. */
  maxMembers: number;
};

/**
 * Checks a JSON text's nesting depth and the property count of its objects as the text arrives,
 * chunk by chunk, in one cheap pass: a body of deeply nested arrays or of an
 * object with a million keys is refused before JSON.parse and validation would spend seconds of
 * the event loop on it. Not a validator: a malformed text is left to JSON.parse.
 */
export function jsonShapeGuard(limits: JsonShapeLimits): (chunk: string) => JsonShapeRefusal | undefined {
  // Per open bracket: -1 for an array, else the object's properties so far (its commas + 1).
  const members: number[] = [];
  let inString = false;
  let escaped = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c /* \ */) escaped = true;
        else if (c === 0x22 /* " */) inString = false;
        continue;
      }
      if (c === 0x22) {
        inString = true;
        // The first key of an object counts once it opens.
        const top = members.length - 1;
        if (top >= 0 && members[top] === 0) members[top] = 1;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        members.push(c === 0x7b ? 0 : -1);
        if (members.length > limits.maxDepth) return { kind: 'depth', limit: limits.maxDepth };
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        members.pop();
      } else if (c === 0x2c /* , */) {
        const top = members.length - 1;
        if (top >= 0 && members[top]! >= 0) {
          members[top]! += 1;
          if (members[top]! > limits.maxMembers) return { kind: 'members', limit: limits.maxMembers };
        }
      }
    }
    return undefined;
  };
}
