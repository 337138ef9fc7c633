import {
  supersedesDimension,
  type DimensionRow,
  type DimensionTopic,
} from '../dimensions/dimension';
import { jobRow, mergeJob, type JobRow } from '../jobs/job-state';
import { rejectionKey, rejectionRow, type RejectionRow } from '../jobs/rejection';
import { dimensionRowOf, type DirectoryEvent } from './directory.topics';
import { type DirectoryWrite } from './directory.store';

/**
 * Folds a chunk's events, in delivery order, into what the store writes: one row per job (the
 * job rule), the first row per rejected (job, row), the newest row per entity. A statement can
 * change a row only once, and the tables' rules applied here in memory and again against the
 * stored rows give what applying the events one by one would.
 */
export function foldChunk(events: Iterable<DirectoryEvent>): DirectoryWrite {
  const jobs = new Map<string, JobRow>();
  const rejections = new Map<string, RejectionRow>();
  const dimensions = new Map<DimensionTopic, Map<string, DimensionRow>>();
  for (const item of events) {
    switch (item.topic) {
      case 'ingest.jobs': {
        const row = jobRow(item.event);
        jobs.set(row.job_id, mergeJob(jobs.get(row.job_id), row));
        break;
      }
      case 'ingest.rejections': {
        const row = rejectionRow(item.event);
        const key = rejectionKey(row);
        if (!rejections.has(key)) rejections.set(key, row);
        break;
      }
      default: {
        const row = dimensionRowOf(item.topic, item.event);
        let byKey = dimensions.get(item.topic);
        if (!byKey) dimensions.set(item.topic, (byKey = new Map()));
        const current = byKey.get(row.key);
        if (!current || supersedesDimension(row, current)) byKey.set(row.key, row);
      }
    }
  }
  return {
    jobs: [...jobs.values()],
    rejections: [...rejections.values()],
    dimensions: new Map([...dimensions].map(([topic, byKey]) => [topic, [...byKey.values()]])),
  };
}
