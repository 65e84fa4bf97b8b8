'use client';

import type { ReactNode } from 'react';

import { ConfirmButton } from '@/components/ui/confirm-button';
import {
  changeMemberRole,
  removeMember,
  resetUserPassword,
  setUserDisabled,
  type Member,
  type Role,
} from '@/lib/api/admin';

/** What an admin sees and can do about one member: role, status, password reset, disable/enable, removal. */
export function MemberRow(props: {
  workspaceId: string;
  member: Member;
  isYou: boolean;
  onChanged: (message: ReactNode) => void;
  onFailed: (error: unknown) => void;
}) {
  const m = props.member;
  const status = m.disabled
    ? 'Disabled: cannot sign in'
    : m.mustChangePassword
      ? 'Must choose a new password at next sign-in'
      : 'Active';

  async function reset() {
    const result = await resetUserPassword(m.userId, {});
    props.onChanged(
      <>
        The password of {m.email} was reset. Their temporary password is{' '}
        <code className="secret">{result.temporaryPassword}</code> — give it to them; it is not shown again. They choose
        their own when they next sign in, and were signed out everywhere.
      </>,
    );
  }
  async function setDisabled(disabled: boolean) {
    await setUserDisabled(m.userId, { disabled });
    props.onChanged(
      disabled
        ? `${m.email} is disabled: they were signed out everywhere and their API tokens stopped working.`
        : `${m.email} can sign in again.`,
    );
  }

  async function changeRole(role: Role) {
    try {
      await changeMemberRole(props.workspaceId, m.userId, { role });
      props.onChanged(`${m.email} is now ${role === 'admin' ? 'an' : 'a'} ${role}.`);
    } catch (error) {
      props.onFailed(error);
    }
  }
  async function remove() {
    try {
      await removeMember(props.workspaceId, m.userId);
      props.onChanged(`${m.email} is no longer a member; their account stays.`);
    } catch (error) {
      props.onFailed(error);
    }
  }

  return (
    <tr>
      <td>
        {m.email}
        {m.instanceAdmin && <span className="hint"> (instance admin)</span>}
      </td>
      <td>{m.name}</td>
      <td>
        <select
          aria-label={`Role of ${m.email}`}
          value={m.role}
          onChange={(event) => void changeRole(event.target.value as Role)}
        >
          <option value="viewer">viewer</option>
          <option value="editor">editor</option>
          <option value="admin">admin</option>
        </select>
      </td>
      <td>{status}</td>
      <td>
        {props.isYou ? (
          <span className="hint">You</span>
        ) : (
          <div className="row">
            <ConfirmButton
              label="Reset password"
              ariaLabel={`Reset the password of ${m.email}`}
              title={`Reset the password of ${m.email}?`}
              confirmLabel="Reset password"
              onConfirm={reset}
            >
              <p>
                They get a temporary password, shown to you once, and must choose their own when they next sign in. They
                are signed out everywhere and their API tokens stop working.
              </p>
            </ConfirmButton>
            {m.disabled ? (
              <ConfirmButton
                label="Enable"
                ariaLabel={`Enable ${m.email}`}
                title={`Let ${m.email} sign in again?`}
                confirmLabel="Enable account"
                onConfirm={() => setDisabled(false)}
              >
                <p>They sign in with their password. API tokens revoked when the account was disabled stay revoked.</p>
              </ConfirmButton>
            ) : (
              <ConfirmButton
                label="Disable"
                ariaLabel={`Disable ${m.email}`}
                title={`Disable ${m.email}?`}
                confirmLabel="Disable account"
                danger
                onConfirm={() => setDisabled(true)}
              >
                <p>
                  They can no longer sign in, in any workspace. They are signed out at once and their API tokens stop
                  working. You can enable the account again later.
                </p>
              </ConfirmButton>
            )}
            <button type="button" onClick={() => void remove()} aria-label={`Remove ${m.email} from the workspace`}>
              Remove
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
