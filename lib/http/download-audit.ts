import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';

/**
 * Records that someone took data out of Listport (an export, an uploaded file, an error report) in
 * the workspace's audit log: who, what and when, before the first byte is sent.
 */
export async function recordDownload(
  principal: Principal,
  download: {
    workspaceId: string;
    action: 'list.export' | 'job.file.download' | 'job.error-report.download';
    targetType: 'list' | 'job';
    targetId: string;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  await auditAs(principal, {
    ...download,
    detail: { ...download.detail, via: principal.via },
  });
}
