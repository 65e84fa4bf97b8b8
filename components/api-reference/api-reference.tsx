'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The OpenAPI document rendered by RapiDoc, a web component bundled with the app (no CDN): it reads
 * /api/v1/openapi.json, the same document client generators use. Loaded on demand, so only this
 * page pays for it.
 */
export function ApiReference() {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let element: HTMLElement | undefined;
    import('rapidoc')
      .then(() => {
        if (!container.current) return;
        element = document.createElement('rapi-doc');
        const attributes: Record<string, string> = {
          'spec-url': '/api/v1/openapi.json',
          'render-style': 'view',
          layout: 'column',
          theme: 'light',
          'show-header': 'false',
          'allow-server-selection': 'false',
          'allow-authentication': 'true',
          'allow-try': 'true',
          'schema-style': 'table',
          'default-schema-tab': 'schema',
          'show-components': 'true',
          'primary-color': '#1d4ed8',
          'bg-color': '#ffffff',
          // Its default fonts come from Google's servers: use the system's instead (no request elsewhere).
          'load-fonts': 'false',
          'regular-font': 'system-ui, sans-serif',
          'mono-font': 'ui-monospace, monospace',
        };
        for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
        element.style.height = '80vh';
        element.style.width = '100%';
        container.current.appendChild(element);
      })
      .catch(() => setFailed(true));
    return () => element?.remove();
  }, []);

  return (
    <div className="stack">
      <h1>API reference</h1>
      <p>
        Every <code>/api/v1</code> operation with its parameters, bodies and answers. Scripts sign in with a token (
        <a href="/account">Your account</a> → API tokens) sent as <code>x-auth-jwt</code> or{' '}
        <code>Authorization: Bearer</code>. Generate a client from{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
      </p>
      {failed && (
        <div className="alert error" role="alert">
          The reference viewer could not be loaded. The document itself is at{' '}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </div>
      )}
      <div ref={container} />
    </div>
  );
}
