import { type TributaryIngest, eventMetadata } from '@tributary/contracts';
import { randomUUID } from 'node:crypto';
import { type Readable } from 'node:stream';
import { type EventBus } from '../events/event-bus';
import { landingKey, type LandingStore } from './landing-store';

/** Where a file entered: the gateway's upload route, the watched inbox folder, or a polled SFTP server. */
export type FileSource = 'upload' | 'inbox' | 'sftp';

export interface IncomingFile {
  readonly body: Readable;
  /** Name as sent (upload), file name (inbox) or remote path (SFTP). */
  readonly fileName: string;
  /** The target dataset, or `auto` to recognise it from the file's columns. */
  readonly dataset: string;
  readonly source: FileSource;
  readonly options?: Readonly<Record<string, string>>;
  readonly submittedBy?: string | null;
  readonly contentType?: string | null;
  readonly traceId?: string | null;
  readonly maxBytes?: number;
}

/** What the sender is told: the job to follow. */
export interface QueuedJob {
  readonly job_id: string;
  readonly dataset: string;
  readonly status: 'queued';
  readonly file_name: string;
  readonly object_key: string;
  readonly checksum_sha256: string;
  readonly size_bytes: number;
  readonly queued_at: Date;
}

/**
 * The one way a file enters Tributary, whatever its source: its bytes are streamed into the
 * landing store, then a `queued` job and the `FileReceived` claim check are published (in that
 * order, so a job is visible before anyone starts it). The caller's answer waits for both acks.
 */
export class FileIntake {
  constructor(
    private readonly store: LandingStore,
    private readonly bus: EventBus,
    private readonly clock: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  async receive(file: IncomingFile): Promise<QueuedJob> {
    const receivedAt = this.clock();
    const landed = await this.store.land(
      file.body,
      (checksum) => landingKey(file.dataset, receivedAt, checksum, file.fileName),
      file.maxBytes === undefined ? {} : { maxBytes: file.maxBytes },
    );
    const jobId = this.newId();
    const metadata = eventMetadata({
      eventId: this.newId(),
      occurredAt: receivedAt,
      ingestedAt: receivedAt,
      kind: file.source === 'sftp' ? 'sftp' : 'file',
      reference: jobId,
      traceId: file.traceId ?? jobId,
    });
    const job: TributaryIngest.JobStatusChanged = {
      metadata,
      job_id: jobId,
      dataset: file.dataset,
      status: 'queued',
      rows_read: 0,
      rows_accepted: 0,
      rows_rejected: 0,
      started_at: null,
      finished_at: null,
      error: null,
      source: file.source,
      file_name: file.fileName,
      object_key: landed.key,
      checksum_sha256: landed.checksumSha256,
      size_bytes: landed.sizeBytes,
      format: null,
      dataset_detected: false,
      submitted_by: file.submittedBy ?? null,
      duplicate_of: null,
      queued_at: receivedAt,
    };
    await this.bus.publish('ingest.jobs', [job]);
    await this.bus.publish('ingest.files-received', [
      {
        metadata: { ...metadata, event_id: this.newId() },
        job_id: jobId,
        dataset: file.dataset,
        object_key: landed.key,
        file_name: file.fileName,
        checksum_sha256: landed.checksumSha256,
        size_bytes: landed.sizeBytes,
        content_type: file.contentType ?? null,
        submitted_by: file.submittedBy ?? null,
        options: { ...file.options },
        source: file.source,
      },
    ]);
    return {
      job_id: jobId,
      dataset: file.dataset,
      status: 'queued',
      file_name: file.fileName,
      object_key: landed.key,
      checksum_sha256: landed.checksumSha256,
      size_bytes: landed.sizeBytes,
      queued_at: receivedAt,
    };
  }
}
