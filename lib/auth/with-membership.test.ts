import { describe, expect, it } from 'vitest';

import { withMembership } from './with-membership';

const memberships = [
  { id: 'ws-a', role: 'viewer' },
  { id: 'ws-b', role: 'admin' },
];

describe('withMembership', () => {
  it('gives the record with the membership of its workspace', () => {
    const record = { id: 'list-1', workspaceId: 'ws-b' };
    expect(withMembership(record, memberships)).toEqual({ record, membership: memberships[1] });
  });

  it('answers another workspace’s record as it answers a missing one', () => {
    expect(withMembership({ id: 'list-2', workspaceId: 'ws-other' }, memberships)).toBeUndefined();
    expect(withMembership(undefined, memberships)).toBeUndefined();
  });
});
