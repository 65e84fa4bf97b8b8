'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';

import { ErrorMessage } from '@/components/ui/error-message';
import { changeMyPassword, type PasswordChanged } from '@/lib/api/account';
import { ApiClientError } from '@/lib/api/client';
import { isAcceptablePassword, PASSWORD_HINT, PASSWORD_RULE } from '@/lib/password-rule';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

/**
 * Change your own password: the current one, the new one twice. Problems are said beside the field
 * they concern (and announced); `afterChange` is where to go once done (the forced change at first
 * sign-in goes on into the app), otherwise the form says what happened and stays.
 */
export function ChangePasswordForm({ email, afterChange }: { email: string; afterChange?: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [fieldError, setFieldError] = useState<{ field: Field; message: string }>();
  const [done, setDone] = useState<PasswordChanged>();
  const change = useMutation({
    mutationFn: changeMyPassword,
    onSuccess: (result) => {
      form.current?.reset();
      if (afterChange) {
        router.replace(afterChange);
        router.refresh();
      } else setDone(result);
    },
    onError: (error) => {
      if (error instanceof ApiClientError && error.details.some((d) => d.startsWith('currentPassword'))) {
        showFieldError('currentPassword', `${error.message} ${error.remediation}`);
      } else if (error instanceof ApiClientError && error.details.some((d) => d.startsWith('newPassword'))) {
        showFieldError('newPassword', `${error.message} ${error.remediation}`);
      }
    },
  });

  function showFieldError(field: Field, message: string) {
    setFieldError({ field, message });
  }

  // Once the message is beside the field, the field takes the focus, so it is read with its problem;
  // its content is selected, so typing replaces it.
  useEffect(() => {
    const input = fieldError && form.current?.querySelector<HTMLInputElement>(`[name="${fieldError.field}"]`);
    input?.focus();
    input?.select();
  }, [fieldError]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currentPassword = String(data.get('currentPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    const confirmPassword = String(data.get('confirmPassword') ?? '');
    setDone(undefined);
    change.reset();
    if (!currentPassword) return showFieldError('currentPassword', 'Type your current password.');
    if (!isAcceptablePassword(newPassword)) return showFieldError('newPassword', PASSWORD_RULE);
    if (newPassword !== confirmPassword) {
      return showFieldError('confirmPassword', 'The two new passwords are not the same. Type the new password again.');
    }
    setFieldError(undefined);
    change.mutate({ currentPassword, newPassword });
  }

  const describedBy = (field: Field, hint?: string) =>
    [hint, fieldError?.field === field ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorFor = (field: Field) =>
    fieldError?.field === field ? (
      <span id={`${field}-error`} className="field-error" role="alert">
        {fieldError.message}
      </span>
    ) : null;

  return (
    <form ref={form} className="stack password-form" onSubmit={submit} noValidate aria-label="Change password">
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="field">
        <label htmlFor="currentPassword">Current password</label>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={fieldError?.field === 'currentPassword' || undefined}
          aria-describedby={describedBy('currentPassword')}
        />
        {errorFor('currentPassword')}
      </div>
      <div className="field">
        <label htmlFor="newPassword">New password</label>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={fieldError?.field === 'newPassword' || undefined}
          aria-describedby={describedBy('newPassword', 'newPassword-rule')}
        />
        <span id="newPassword-rule" className="hint">
          {PASSWORD_HINT} A few words you will remember make a good one.
        </span>
        {errorFor('newPassword')}
      </div>
      <div className="field">
        <label htmlFor="confirmPassword">New password again</label>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={fieldError?.field === 'confirmPassword' || undefined}
          aria-describedby={describedBy('confirmPassword')}
        />
        {errorFor('confirmPassword')}
      </div>
      <div role="status">
        {done && (
          <p className="alert ok">
            Your password was changed. You stay signed in here; every other browser signed in as you was signed out
            {done.tokensRevoked > 0
              ? `, and your ${done.tokensRevoked} API token${done.tokensRevoked === 1 ? ' was' : 's were'} revoked`
              : ''}
            .
          </p>
        )}
      </div>
      {/* Problems with one field are said beside it (and the field focused); the rest here. */}
      {!fieldError && <ErrorMessage error={change.error} />}
      <div className="row">
        <button className="primary" type="submit" disabled={change.isPending}>
          {change.isPending ? 'Changing password…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
