'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { apiFetch, type Collection } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/query-keys';

import { MemberRow, type Member } from './member-row';

export function MembersPanel({
  workspaceId,
  workspaceName,
  currentUserId,
}: {
  workspaceId: string;
  workspaceName: string;
  currentUserId: string;
}) {
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: queryKeys.members(workspaceId),
    queryFn: () => apiFetch<Collection<Member>>(`/api/v1/workspaces/${workspaceId}/members`),
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      apiFetch(`/api/v1/workspaces/${workspaceId}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
  const add = useMutation({
    mutationFn: (body: { email: string; role: string }) =>
      apiFetch(`/api/v1/workspaces/${workspaceId}/members`, { method: 'POST', json: body }),
    onSuccess: invalidate,
  });
  const createUser = useMutation({
    mutationFn: (body: Record<string, string>) =>
      apiFetch('/api/v1/users', { method: 'POST', json: { ...body, workspaceId } }),
    onSuccess: invalidate,
  });
  const [created, setCreated] = useState<string>();
  const [changed, setChanged] = useState<ReactNode>();

  function submitAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({ email: String(form.get('email')), role: String(form.get('role')) });
  }
  function submitCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    createUser.mutate(body, {
      onSuccess: () => {
        setCreated(body.email);
        formElement.reset();
      },
    });
  }

  return (
    <section className="card stack" aria-labelledby="members-heading">
      <h2 id="members-heading">Members of “{workspaceName}”</h2>
      <ErrorMessage error={members.error ?? remove.error} />
      {members.data && (
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
                member={m}
                isYou={m.userId === currentUserId}
                onChanged={(message) => {
                  setChanged(message);
                  void invalidate();
                  void queryClient.invalidateQueries({ queryKey: queryKeys.audit() });
                }}
                onRemove={() => remove.mutate(m.userId)}
              />
            ))}
          </tbody>
        </table>
      )}
      <div role="status">{changed && <p className="alert ok">{changed}</p>}</div>
      <form className="row" onSubmit={submitAdd} aria-label="Add an existing user">
        <div className="field">
          <label htmlFor="add-email">Add existing user (email)</label>
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
          Add member
        </button>
      </form>
      <ErrorMessage error={add.error} />
      <h3>Create a user</h3>
      <form className="row" onSubmit={submitCreate} aria-label="Create a user">
        <div className="field">
          <label htmlFor="new-email">Email</label>
          <input id="new-email" name="email" type="email" required />
        </div>
        <div className="field">
          <label htmlFor="new-name">Name</label>
          <input id="new-name" name="name" required />
        </div>
        <div className="field">
          <label htmlFor="new-password">Password</label>
          <input id="new-password" name="password" type="password" required aria-describedby="password-rule" />
          <span id="password-rule" className="hint">
            At least 10 characters, with a letter and a digit or symbol.
          </span>
        </div>
        <div className="field">
          <label htmlFor="new-role">Role here</label>
          <select id="new-role" name="role" defaultValue="viewer">
            <option value="viewer">viewer</option>
            <option value="editor">editor</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" className="primary" disabled={createUser.isPending}>
          Create user
        </button>
      </form>
      <ErrorMessage error={createUser.error} />
      {created && !createUser.error && (
        <p className="alert ok" role="status">
          {created} can now sign in.
        </p>
      )}
    </section>
  );
}
