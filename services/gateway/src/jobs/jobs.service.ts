import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import { hasScope, type Principal } from '../auth/account';
import { ProblemException } from '../http/problem';
import { visibleRejection } from '../privacy/personal-data';
import { decodeCursor, encodeCursor } from '../http/cursor';
import {
  type JobView,
  type ListJobsQuery,
  type RejectionsQuery,
  type RejectionView,
} from './jobs.dto';
import { JOBS_STORE, type JobRecord, type JobsStore } from './jobs.store';

export type { Page } from '../http/page';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * Without `read:all-jobs` (steward, admin) a principal sees only the jobs it submitted: a person
 * those of their account, an API key those of its account and its own.
 */
function ownerFilter(principal: Principal): readonly string[] | undefined {
  if (hasScope(principal, 'read:all-jobs')) return undefined;
  return principal.apiKeyId ? [principal.accountId, principal.apiKeyId] : [principal.accountId];
}

export function toJobView(job: JobRecord, now: Date): JobView {
  const end = job.finished_at ?? (job.started_at ? now : null);
  const duration = job.started_at && end ? end.getTime() - job.started_at.getTime() : null;
  return {
    job_id: job.job_id,
    dataset: job.dataset,
    dataset_detected: job.dataset_detected,
    status: job.status as JobView['status'],
    source: job.source as JobView['source'],
    file_name: job.file_name,
    format: job.format,
    size_bytes: job.size_bytes,
    checksum_sha256: job.checksum_sha256,
    object_key: job.object_key,
    submitted_by: job.submitted_by,
    duplicate_of: job.duplicate_of,
    rows: { read: job.rows_read, accepted: job.rows_accepted, rejected: job.rows_rejected },
    queued_at: iso(job.queued_at),
    started_at: iso(job.started_at),
    finished_at: iso(job.finished_at),
    duration_ms: duration,
    rows_per_second:
      duration && duration > 0 ? Math.round((job.rows_read * 1000) / duration) : null,
    error: job.error,
    links: { self: `/v1/jobs/${job.job_id}`, rejections: `/v1/jobs/${job.job_id}/rejections` },
  };
}

const isJobKey = (k: unknown): k is { q: string; j: string } =>
  typeof k === 'object' &&
  k !== null &&
  typeof (k as { q?: unknown }).q === 'string' &&
  typeof (k as { j?: unknown }).j === 'string';

@Injectable()
export class JobsService {
  constructor(@Inject(JOBS_STORE) private readonly store: JobsStore) {}

  async list(query: ListJobsQuery, principal: Principal): Promise<Page<JobView>> {
    const { limit = 50, cursor, ...filters } = query;
    const after = cursor ? decodeCursor(cursor, filters, isJobKey) : null;
    const owners = ownerFilter(principal);
    const rows = await this.store.list(
      { ...filters, ...(owners ? { submittedBy: owners } : {}) },
      after ? { queued_at: after.q, job_id: after.j } : null,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const now = new Date();
    return {
      items: page.map((job) => toJobView(job, now)),
      next_cursor:
        rows.length > limit && last?.queued_at
          ? encodeCursor({ q: last.queued_at.toISOString(), j: last.job_id }, filters)
          : null,
    };
  }

  async get(jobId: string, principal: Principal): Promise<JobView> {
    const job = await this.store.get(jobId, ownerFilter(principal));
    if (!job) throw notFound(jobId);
    return toJobView(job, new Date());
  }

  async rejections(
    jobId: string,
    query: RejectionsQuery,
    principal: Principal,
  ): Promise<Page<RejectionView>> {
    if (!(await this.store.get(jobId, ownerFilter(principal)))) throw notFound(jobId);
    const { limit = 100, cursor } = query;
    const after = cursor
      ? decodeCursor(cursor, { jobId }, (k): k is number => Number.isSafeInteger(k))
      : null;
    const rows = await this.store.rejections(jobId, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) =>
        visibleRejection(principal, { row_number: r.row_number, raw: r.raw, reasons: r.reasons }),
      ),
      next_cursor: rows.length > limit ? encodeCursor(page.at(-1)!.row_number, { jobId }) : null,
    };
  }
}

const notFound = (jobId: string) =>
  new ProblemException(
    'not-found',
    `no job ${jobId}; a job just queued appears within a second or two`,
  );
