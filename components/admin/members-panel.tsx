'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { ScrollTable } from '@/components/ui/side-scroll';
import { addMember, isInvitation, listMembers, type Role } from '@/lib/api/admin';
import { queryKeys } from '@/lib/api/query-keys';

import { CreateUserForm } from './create-user-form';
import { InvitationLink } from './invitation-link';
import { InvitationsList } from './invitations-list';
import { MemberRow } from './member-row';

export function MembersPanel({
  workspaceId,
  workspaceName,
  currentUserId,
  isInstanceAdmin,
}: {
  workspaceId: string;
  workspaceName: string;
  currentUserId: string;
  isInstanceAdmin: boolean;
}) {
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: queryKeys.members(workspaceId),
    queryFn: () => listMembers(workspaceId),
  });
  // One status region for the panel, always present so screen readers announce what it says next.
  const [status, setStatus] = useState<ReactNode>();
  const [problem, setProblem] = useState<unknown>();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.invitations(workspaceId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
  };
  const done = (message: ReactNode) => {
    setProblem(undefined);
    setStatus(message);
    refresh();
  };
  const failed = (error: unknown) => {
    setStatus(undefined);
    setProblem(error);
    refresh();
  };
  const add = useMutation({
    mutationFn: (body: Parameters<typeof addMember>[1]) => addMember(workspaceId, body),
  });

  function submitAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    add.mutate(
      { email: String(form.get('email')), role: String(form.get('role')) as Role },
      {
        onSuccess: (answer) => {
          formElement.reset();
          done(
            isInvitation(answer) ? (
              <InvitationLink invitation={answer.invitation} />
            ) : (
              `${answer.email} is now ${answer.role === 'admin' ? 'an' : 'a'} ${answer.role} in “${workspaceName}”.`
            ),
          );
        },
        onError: failed,
      },
    );
  }

  return (
    <section className="card stack" aria-labelledby="members-heading">
      <h2 id="members-heading">Members of “{workspaceName}”</h2>
      <ErrorMessage error={members.error} />
      {members.data && (
        <ScrollTable label="Members and their roles">
          <table aria-labelledby="members-heading">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((m) => (
                <MemberRow
                  key={m.userId}
                  workspaceId={workspaceId}
                  member={m}
                  isYou={m.userId === currentUserId}
                  onChanged={done}
                  onFailed={failed}
                />
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <ErrorMessage error={problem} />
      <div role="status">{status && <div className="alert ok">{status}</div>}</div>
      <h3>Invite someone</h3>
      <p className="hint">
        People with a Listport account see the invitation on their account page; for someone new you get a link to give
        them, with which they choose their own password.
      </p>
      <form className="row" onSubmit={submitAdd} aria-label="Invite someone">
        <div className="field">
          <label htmlFor="add-email">Email</label>
          <input id="add-email" name="email" type="email" required />
        </div>
        <div className="field">
          <label htmlFor="add-role">Role</label>
          <select id="add-role" name="role" defaultValue="editor">
            <option value="viewer">viewer — browse lists and jobs</option>
            <option value="editor">editor — import and purge</option>
            <option value="admin">admin — manage lists, users, tokens</option>
          </select>
        </div>
        <button type="submit" disabled={add.isPending}>
          Invite
        </button>
      </form>
      <InvitationsList workspaceId={workspaceId} onChanged={done} onFailed={failed} />
      {isInstanceAdmin && (
        <CreateUserForm
          workspaceId={workspaceId}
          onCreated={(email) => done(`${email} can now sign in.`)}
          onFailed={failed}
        />
      )}
    </section>
  );
}
