'use client';

import { useState } from 'react';

import { LocalTime } from '@/components/ui/local-time';

/** The one-time link of a new invitation, shown once, with a button that copies it. */
export function InvitationLink({
  invitation,
}: {
  invitation: { email: string; role: string; expiresAt: string; acceptPath: string };
}) {
  const link = `${window.location.origin}${invitation.acceptPath}`;
  const [copied, setCopied] = useState(false);
  return (
    <div className="stack">
      <p>
        {invitation.email} is invited as {invitation.role}. If they have a Listport account, they accept on their
        account page. Otherwise give them this link — it works once, until <LocalTime value={invitation.expiresAt} />,
        and is not shown again:
      </p>
      <div className="row">
        <code className="secret" aria-label="Invitation link">
          {link}
        </code>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
    </div>
  );
}
