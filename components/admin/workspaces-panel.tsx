'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { createWorkspace } from '@/lib/api/admin';

export function WorkspacesPanel() {
  const router = useRouter();
  const create = useMutation({
    mutationFn: (name: string) => createWorkspace({ name }),
    onSuccess: () => router.refresh(),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(String(new FormData(event.currentTarget).get('name')));
  }
  return (
    <section className="card stack" aria-labelledby="workspaces-heading">
      <h2 id="workspaces-heading">Workspaces</h2>
      <form className="row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="workspace-name">New workspace name</label>
          <input id="workspace-name" name="name" required />
        </div>
        <button type="submit" disabled={create.isPending}>
          Create workspace
        </button>
      </form>
      <ErrorMessage error={create.error} />
      {create.isSuccess && (
        <p className="alert ok" role="status">
          Workspace created; you are its admin. Pick it in the workspace switcher.
        </p>
      )}
    </section>
  );
}
