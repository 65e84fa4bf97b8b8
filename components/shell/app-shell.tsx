'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';

import { SignOutButton } from './sign-out-button';

type WorkspaceOption = { id: string; name: string; role: string };
type Role = 'viewer' | 'editor' | 'admin';

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Each page with the least role (in the current workspace) that can use it: nobody sees a page that only refuses them. */
const NAV: { href: string; label: string; role: Role }[] = [
  { href: '/lists', label: 'Lists', role: 'viewer' },
  { href: '/jobs', label: 'Jobs', role: 'viewer' },
  { href: '/custom-imports', label: 'Custom imports', role: 'editor' },
  { href: '/webhooks', label: 'Webhooks', role: 'admin' },
  { href: '/admin', label: 'Admin', role: 'admin' },
  { href: '/api-reference', label: 'API reference', role: 'viewer' },
  { href: '/account', label: 'Your account', role: 'viewer' },
];

const ROLE_WORDS: Record<string, string> = { viewer: 'can view', editor: 'can edit', admin: 'admin' };

export function AppShell(props: {
  user: { email: string; name: string };
  workspaces: WorkspaceOption[];
  currentWorkspaceId: string | undefined;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  // On a phone the navigation folds into a menu; it closes again when a page is chosen.
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuFor, setMenuFor] = useState(pathname);
  if (menuFor !== pathname) {
    setMenuFor(pathname);
    setMenuOpen(false);
  }
  const role = props.workspaces.find((w) => w.id === props.currentWorkspaceId)?.role as Role | undefined;
  const nav = NAV.filter((item) => RANK[item.role] <= RANK[role ?? 'viewer']);

  function switchWorkspace(id: string) {
    document.cookie = `listport_workspace=${encodeURIComponent(id)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" data-menu-open={menuOpen}>
        <div className="sidebar-top">
          <div className="brand">Listport</div>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="sidebar-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? 'Close menu' : 'Menu'}
          </button>
        </div>
        <div id="sidebar-menu" className="sidebar-menu">
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
                    {w.name} ({ROLE_WORDS[w.role] ?? w.role})
                  </option>
                ))}
              </select>
            ) : (
              <p>No workspace yet</p>
            )}
          </div>
          <nav aria-label="Main">
            <ul>
              {nav.map((item) => (
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
        </div>
      </aside>
      <main id="main" className="main">
        {props.children}
      </main>
    </div>
  );
}
