'use client';

import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';

import { createUser } from '@/lib/api/admin';
import { PASSWORD_HINT } from '@/lib/password-rule';

/** An instance admin creates an account with a password they give its user. */
export function CreateUserForm(props: {
  workspaceId: string;
  onCreated: (email: string) => void;
  onFailed: (error: unknown) => void;
}) {
  const create = useMutation({
    // The form's fields are the body's: email, name, password and role.
    mutationFn: (body: Record<string, string>) =>
      createUser({ ...(body as Parameters<typeof createUser>[0]), workspaceId: props.workspaceId }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    create.mutate(body, {
      onSuccess: () => {
        formElement.reset();
        props.onCreated(body.email!);
      },
      onError: props.onFailed,
    });
  }
  return (
    <>
      <h3>Create a user</h3>
      <form className="row" onSubmit={submit} aria-label="Create a user">
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
            {PASSWORD_HINT}
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
        <button type="submit" className="primary" disabled={create.isPending}>
          Create user
        </button>
      </form>
    </>
  );
}
