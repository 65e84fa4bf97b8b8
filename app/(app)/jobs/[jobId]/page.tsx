import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { JobDetail } from '@/components/jobs/job-detail';
import { findMemberJob } from '@/lib/jobs/load-job';
import { requireCurrentUser } from '@/lib/session/current-user';

export const metadata: Metadata = { title: 'Job' };

export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  const user = await requireCurrentUser();
  const found = await findMemberJob(user.memberships, jobId);
  if (!found) notFound();
  const { job, membership } = found;
  return (
    <div className="stack">
      <p>
        <Link href="/jobs">← Jobs</Link>
      </p>
      <JobDetail jobId={job.id} canCancel={membership.role !== 'viewer'} />
    </div>
  );
}
