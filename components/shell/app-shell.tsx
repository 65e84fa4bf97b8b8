'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

import { SignOutButton } from './sign-out-button';

type WorkspaceOption = { id: string; name: string; role: string };

const NAV = [
  { href: '/lists', label: 'Lists' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/custom-imports', label: 'Custom imports' },
  { href: '/admin', label: 'Admin' },
  { href: '/account', label: 'Your account' },
];

export function AppShell(props: {
  user: { email: string; name: string };
  workspaces: WorkspaceOption[];
  currentWorkspaceId: string | undefined;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();

  function switchWorkspace(id: string) {
    document.cookie = `listport_workspace=${encodeURIComponent(id)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">Listport</div>
        <div>
          <label htmlFor="workspace-switcher">Workspace</label>
          {props.workspaces.length > 0 ? (
            <select
              id="workspace-switcher"
              value={props.currentWorkspaceId}
              onChange={(e) => switchWorkspace(e.target.value)}
            >
              {props.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.role})
                </option>
              ))}
            </select>
          ) : (
            <p>No workspace yet</p>
          )}
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={pathname.startsWith(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user stack">
          <span>
            Signed in as <strong>{props.user.name}</strong>
            <br />
            {props.user.email}
          </span>
          <SignOutButton />
        </div>
      </aside>
      <main id="main" className="main">
        {props.children}
      </main>
    </div>
  );
}
