import { type TributaryIngest } from '@tributary/contracts';
import { dateTime, UnprojectableValueError } from '../row-values';

/** A row of ingest_rejections (the quality report's source), as JSONEachRow sends it. */
export interface IngestRejectionRow {
  event_id: string;
  job_id: string;
  dataset: string;
  object_key: string;
  row_number: number;
  reasons: string[];
  raw: string;
  rejected_at: string;
}

export function ingestRejectionRow(event: TributaryIngest.RecordRejected): IngestRejectionRow {
  if (event.row_number < 0) {
    throw new UnprojectableValueError(
      'PROJECTION.OUT_OF_RANGE',
      `row_number: ${event.row_number} is negative`,
    );
  }
  return {
    event_id: event.metadata.event_id,
    job_id: event.job_id,
    dataset: event.dataset,
    object_key: event.object_key,
    row_number: event.row_number,
    reasons: [...event.reasons],
    raw: event.raw,
    rejected_at: dateTime('metadata.ingested_at', event.metadata.ingested_at),
  };
}
