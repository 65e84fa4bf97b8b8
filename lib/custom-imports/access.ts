import { requireRole, type Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';

import { findScript, type RegisteredScript } from './registry';
import { normalizeScriptId } from './script-id';

/**
 * The seed's `viewId` is a workspace: running a custom import needs the editor role there (not a
 * member → 404, viewer → 403), and the script must be registered (else 404).
 */
export async function loadScriptFor(
  principal: Principal,
  viewId: string,
  customImportId: string,
): Promise<{ workspaceId: string; script: RegisteredScript }> {
  const membership = requireRole(principal, viewId, 'editor', 'The workspace (view)');
  const script = await findScript(normalizeScriptId(customImportId));
  if (!script) throw ApiError.notFound(`The custom import "${customImportId}"`);
  return { workspaceId: membership.id, script };
}
