import { type TributaryIngest } from '@tributary/contracts';
import { type IngestRejectionRow } from '@tributary/read-models';

/** A row of `directory.ingest_rejections` (a read model). */
export type RejectionRow = IngestRejectionRow;

export function rejectionRow(event: TributaryIngest.RecordRejected): RejectionRow {
  return {
    job_id: event.job_id,
    row_number: event.row_number,
    dataset: event.dataset,
    object_key: event.object_key,
    raw: event.raw,
    reasons: event.reasons,
    event_id: event.metadata.event_id,
    rejected_at: event.metadata.occurred_at,
  };
}

/** A rejected row is written once: the first event for (job, row) stays (insert, do nothing). */
export const rejectionKey = (row: Pick<RejectionRow, 'job_id' | 'row_number'>): string =>
  `${row.job_id}#${row.row_number}`;
