'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { LocalTime } from '@/components/ui/local-time';
import { ScrollTable } from '@/components/ui/side-scroll';
import { createToken, listTokens, revokeToken } from '@/lib/api/account';
import { queryKeys } from '@/lib/api/query-keys';

export function TokensPanel() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: queryKeys.tokens(),
    queryFn: listTokens,
  });
  const [fresh, setFresh] = useState<string>();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens() });
  const create = useMutation({
    mutationFn: (label: string) => createToken({ label }),
    onSuccess: (result) => {
      setFresh(result.token);
      void invalidate();
    },
  });
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: invalidate,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(String(new FormData(event.currentTarget).get('label')));
  }

  return (
    <section className="card stack" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Your API tokens</h2>
      <p className="hint">
        Scripts send a token in the x-auth-jwt header (or Authorization: Bearer). A token acts with your roles.
      </p>
      <form className="row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="token-label">Label</label>
          <input id="token-label" name="label" placeholder="e.g. nightly CRM sync" required />
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      <ErrorMessage error={create.error ?? revoke.error ?? tokens.error} />
      {fresh && (
        <div className="alert ok" role="status">
          <p>Copy this token now; it is not shown again.</p>
          <code style={{ wordBreak: 'break-all' }}>{fresh}</code>
        </div>
      )}
      {tokens.data && tokens.data.items.length > 0 && (
        <ScrollTable label="API tokens">
          <table>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((t) => (
                <tr key={t.id}>
                  <td>{t.label}</td>
                  <td>
                    {/* With its time: tokens a script makes the same day differ only there. */}
                    <LocalTime value={t.createdAt} />
                  </td>
                  <td>
                    <LocalTime value={t.expiresAt} dateOnly />
                  </td>
                  <td>{t.revokedAt ? 'revoked' : new Date(t.expiresAt) < new Date() ? 'expired' : 'active'}</td>
                  <td>
                    {!t.revokedAt && (
                      <button type="button" onClick={() => revoke.mutate(t.id)} aria-label={`Revoke token ${t.label}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}
