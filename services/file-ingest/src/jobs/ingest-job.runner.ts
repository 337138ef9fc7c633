import {
  BATCHED_TOPICS,
  backoffMs,
  fileRowEventIds,
  retriableOf,
  type TopicEvents,
  type TributaryCommon,
  type TributaryEnergy,
  type TributaryIngest,
  eventMetadata,
} from '@tributary/contracts';
import { randomUUID } from 'node:crypto';
import { type EventBus, type LandingStore, type Logger } from '@tributary/platform';
import { DATASET_SPECS, isDataset, type DatasetName } from '../datasets/datasets';
import { ColumnsMismatchError, detectDataset, RowMapper } from '../datasets/row-mapper';
import { type OpenFile, type RawRecord, UnreadableFileError } from '../formats/record-reader';
import { type ZipLimits } from '../formats/zip-guard';
import { type JobLedger } from './job-ledger';

export interface RunnerSettings {
  readonly chunkRows: number;
  /** Rows of batched topics (contracts' `BATCHED_TOPICS`) go out as batch events. */
  readonly batches: boolean;
  /** Chunks being published at once while the file is read on. */
  readonly maxInFlight: number;
  readonly progressIntervalMs: number;
  readonly maxRowChars: number;
  /** Caps on an XLSX archive (zip bombs); the readers' defaults when absent. */
  readonly zipLimits?: ZipLimits;
  readonly defaultThresholdKwh: number | null;
  /** Backoff while Kafka does not acknowledge: first wait and cap, ms. */
  readonly retry: { readonly initialMs: number; readonly maxMs: number };
}

export interface RunnerPorts {
  readonly store: LandingStore;
  readonly bus: EventBus;
  readonly ledger: JobLedger;
  readonly openFile: OpenFile;
  readonly clock: () => Date;
  readonly log: Logger;
  /** True once the service is stopping: a job waiting out an outage gives up (and re-runs later). */
  readonly stopping?: () => boolean;
}

type FinalStatus = Extract<
  TributaryIngest.JobStatus,
  'succeeded' | 'partially_failed' | 'failed' | 'duplicate'
>;

const RAW_LIMIT = 64 * 1024;
/**
 * Rejected rows wait for a chunk of their own, up to this much raw text or `chunkRows` rows (or the
 * file's end): in a file with a few percent of them, each chunk's handful cost a Kafka message and
 * a Postgres insert apiece.
 */
const REJECTED_CHUNK_CHARS = 1024 * 1024;
const TABULAR = new Set(['csv', 'xlsx']);

/** A failure the job reports as its error; anything else is a bug or an outage and is retried. */
const isFileProblem = (error: unknown): error is Error =>
  error instanceof UnreadableFileError ||
  error instanceof ColumnsMismatchError ||
  (error as { code?: string } | null)?.code === 'LANDING.NOT_FOUND';

/**
 * A publish is retried only when its error says retrying can help (Kafka unavailable): anything
 * else fails the job with its reason, since a job retrying a bug would never end.
 */
const isRetriable = (error: unknown) => retriableOf(error) === true;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one ingest job: reads the landed file row by row, turns each row into its dataset's event
 * or a rejection with every reason, publishes both in chunks, and reports the job's progress and
 * outcome as JobStatusChanged events. Row event ids derive from dataset, checksum and row number,
 * so a job re-run after a crash republishes the same ids and adds nothing.
 */
export class IngestJobRunner {
  constructor(
    private readonly ports: RunnerPorts,
    private readonly settings: RunnerSettings,
  ) {}

  async run(file: TributaryIngest.FileReceived): Promise<FinalStatus> {
    return new Job(file, this.ports, this.settings).run();
  }
}

class Job {
  private readonly log: Logger;
  private dataset: string;
  private detected = false;
  private format: string | null = null;
  private rowsRead = 0;
  private rowsAccepted = 0;
  private rowsRejected = 0;
  private startedAt: Date | null = null;
  private lastProgress = 0;
  private readonly threshold: number | null;
  private mapper: RowMapper<DatasetName> | undefined;
  private events: TopicEvents[DatasetName][] = [];
  private rejections: TributaryIngest.RecordRejected[] = [];
  /** Characters of raw text the held `rejections` keep. */
  private rejectedChars = 0;
  private readonly inFlight: Promise<void>[] = [];
  private readonly ids = new Map<string, { dataset: string; of: (rowNumber: number) => string }>();

  constructor(
    private readonly file: TributaryIngest.FileReceived,
    private readonly ports: RunnerPorts,
    private readonly settings: RunnerSettings,
  ) {
    this.dataset = file.dataset;
    this.log = ports.log.child({ job_id: file.job_id, dataset: file.dataset });
    const given = file.options['threshold'];
    this.threshold = given !== undefined ? Number(given) : settings.defaultThresholdKwh;
  }

  async run(): Promise<FinalStatus> {
    const { ledger } = this.ports;
    this.startedAt = this.ports.clock();
    let outcome: FinalStatus;
    let error: string | null = null;
    let claimedAs: string | null = null;
    try {
      const result = await this.read((dataset) => {
        claimedAs = dataset;
        return ledger.claim(dataset, this.file.checksum_sha256, this.file.job_id);
      });
      if (result.outcome === 'duplicate') {
        outcome = 'duplicate';
        await this.report('duplicate', null, result.of);
        this.log.info({ duplicate_of: result.of }, 'file already ingested');
        return outcome;
      }
      outcome =
        this.rowsRejected === 0
          ? 'succeeded'
          : this.rowsAccepted === 0
            ? 'failed'
            : 'partially_failed';
      if (outcome === 'failed') error = `all ${this.rowsRejected} rows were rejected`;
    } catch (failure) {
      // An outage (Postgres, the landing store) is retried by the consumer: the job re-runs whole.
      if (isRetriable(failure)) throw failure;
      outcome = 'failed';
      if (isFileProblem(failure)) error = failure.message;
      else {
        this.log.error({ err: failure }, 'job failed on an unexpected error');
        error = `internal error: ${failure instanceof Error ? failure.message : String(failure)}`;
      }
    }
    if (claimedAs !== null)
      await ledger.finish(
        claimedAs,
        this.file.checksum_sha256,
        this.file.job_id,
        outcome !== 'failed',
      );
    await this.report(outcome, error);
    this.log.info(
      {
        status: outcome,
        read: this.rowsRead,
        accepted: this.rowsAccepted,
        rejected: this.rowsRejected,
        error,
      },
      'job finished',
    );
    return outcome;
  }

  /** Reads the file to the end, claiming it once its dataset is known (after the first row). */
  private async read(
    claim: (dataset: string) => Promise<{ outcome: 'run' } | { outcome: 'duplicate'; of: string }>,
  ): Promise<{ outcome: 'run' } | { outcome: 'duplicate'; of: string }> {
    // A named dataset is claimed before reading anything, so a duplicate costs nothing.
    if (this.dataset !== 'auto') {
      if (!isDataset(this.dataset))
        throw new ColumnsMismatchError(`unknown dataset ${JSON.stringify(this.dataset)}`);
      const claimed = await claim(this.dataset);
      if (claimed.outcome === 'duplicate') return claimed;
    }
    await this.report('running');
    const body = await this.ports.store.open(this.file.object_key);
    const opened = await this.ports.openFile(body, {
      fileName: this.file.file_name,
      maxRowChars: this.settings.maxRowChars,
      ...(this.settings.zipLimits ? { zipLimits: this.settings.zipLimits } : {}),
      ...(this.file.options['sheet'] ? { sheet: this.file.options['sheet'] } : {}),
      ...(this.file.options['delimiter'] ? { delimiter: this.file.options['delimiter'] } : {}),
    });
    this.format = `${opened.format}${opened.compressed ? '.gz' : ''}`;

    try {
      for await (const batch of opened.batches) {
        for (const record of batch) {
          if (!this.mapper) {
            const columns = Object.keys(record.values);
            if (this.dataset === 'auto') {
              this.dataset = detectDataset(columns);
              this.detected = true;
              const claimed = await claim(this.dataset);
              if (claimed.outcome === 'duplicate') return claimed;
            }
            this.mapper = this.mapperFor(this.dataset as DatasetName);
            if (TABULAR.has(opened.format)) this.mapper.checkColumns(columns);
          }
          this.rowsRead++;
          const mapped = this.mapper.map(record);
          if (mapped.ok) this.events.push(mapped.event);
          else {
            const rejected = this.rejection(record, mapped.reasons);
            this.rejections.push(rejected);
            this.rejectedChars += rejected.raw.length;
          }
        }
        if (this.events.length >= this.settings.chunkRows || this.rejectionsDue())
          await this.flush();
      }
      if (this.mapper) await this.flush(true);
    } catch (error) {
      // A file that breaks part-way keeps the rejections of the rows read before it, as it keeps
      // their chunks of events already sent (the chunk being filled is dropped, as ever).
      if (isFileProblem(error) && this.rejections.length > 0) {
        this.events = [];
        await this.flush(true);
      }
      throw error;
    } finally {
      // Whatever ended the reading, the chunks already sent settle before the job reports.
      const settled = await Promise.allSettled(this.inFlight.splice(0));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    if (!this.mapper && this.dataset === 'auto')
      throw new ColumnsMismatchError('the file has no rows to recognise its dataset from');
    return { outcome: 'run' };
  }

  private mapperFor(dataset: DatasetName): RowMapper<DatasetName> {
    const rowIds = this.idsOf('row');
    return new RowMapper(DATASET_SPECS[dataset], (row, occurredAt) =>
      this.metadata(rowIds(row), occurredAt, row),
    );
  }

  /** The ids of the job's rows of one kind, in the dataset known by then (see `fileRowEventIds`). */
  private idsOf(kind: 'row' | 'rejection' | 'alert'): (rowNumber: number) => string {
    let ids = this.ids.get(kind);
    if (ids === undefined || ids.dataset !== this.dataset) {
      ids = {
        dataset: this.dataset,
        of: fileRowEventIds(this.dataset, this.file.checksum_sha256, kind),
      };
      this.ids.set(kind, ids);
    }
    return ids.of;
  }

  /**
   * Hands the rows mapped so far to a publish, which runs while the next rows are read: up to
   * `maxInFlight` at once. Their order does not matter downstream (ids are deterministic, and
   * entities resolve by row number).
   */
  private async flush(final = false): Promise<void> {
    const events = this.events;
    this.events = [];
    let rejections: TributaryIngest.RecordRejected[] = [];
    if (final || this.rejectionsDue()) {
      rejections = this.rejections;
      this.rejections = [];
      this.rejectedChars = 0;
    }
    const work = this.publishRows(this.mapper!, events, rejections);
    work.catch(() => undefined); // awaited later; this only marks it handled meanwhile
    this.inFlight.push(work);
    if (this.inFlight.length >= this.settings.maxInFlight) await this.inFlight.shift();
  }

  /** Whether the rejected rows held make a chunk of their own (see `REJECTED_CHUNK_CHARS`). */
  private rejectionsDue(): boolean {
    return (
      this.rejections.length >= this.settings.chunkRows ||
      this.rejectedChars >= REJECTED_CHUNK_CHARS
    );
  }

  /**
   * Publishes a chunk's events in one call, as batches where the topic has a batch twin; if Kafka
   * refuses the chunk for good (an event the codec will not encode), each event is published
   * alone and the ones refused become rejections, so one bad row never sinks the rest.
   */
  private async publishRows(
    mapper: RowMapper<DatasetName>,
    events: TopicEvents[DatasetName][],
    rejections: TributaryIngest.RecordRejected[],
  ): Promise<void> {
    const topic = mapper.spec.name;
    if (events.length > 0) {
      try {
        await this.publishChunk(topic, events);
        this.rowsAccepted += events.length;
      } catch (error) {
        if (isRetriable(error)) throw error;
        this.log.warn({ err: error, rows: events.length }, 'chunk refused, publishing row by row');
        for (const event of events) {
          try {
            await this.publish(topic, [event]);
            this.rowsAccepted++;
          } catch (rowError) {
            if (isRetriable(rowError)) throw rowError;
            const row = event.metadata.source.row_number ?? 0;
            rejections.push(
              this.rejection({ rowNumber: row, values: {}, raw: JSON.stringify(event) }, [
                rowError instanceof Error ? rowError.message : String(rowError),
              ]),
            );
            events = events.filter((e) => e !== event);
          }
        }
      }
      if (topic === 'energy.usage')
        await this.raiseAlerts(events as TributaryEnergy.UsageRecorded[]);
    }
    if (rejections.length > 0) {
      await this.publishChunk('ingest.rejections', rejections);
      this.rowsRejected += rejections.length;
    }
    const now = this.ports.clock().getTime();
    if (now - this.lastProgress >= this.settings.progressIntervalMs) {
      this.lastProgress = now;
      await this.report('running');
    }
  }

  private async raiseAlerts(usage: readonly TributaryEnergy.UsageRecorded[]): Promise<void> {
    const threshold = this.threshold;
    if (threshold === null) return;
    const alerts = usage
      .filter((u) => u.usage_kwh > threshold)
      .map((u): TributaryEnergy.ThresholdAlertRaised => {
        const row = u.metadata.source.row_number ?? 0;
        return {
          metadata: this.metadata(this.idsOf('alert')(row), u.metadata.occurred_at, row),
          user_id: u.user_id,
          date: u.date,
          usage_kwh: u.usage_kwh,
          threshold_kwh: threshold,
          usage_event_id: u.metadata.event_id,
        };
      });
    if (alerts.length > 0) await this.publish('energy.alerts', alerts);
  }

  private rejection(record: RawRecord, reasons: string[]): TributaryIngest.RecordRejected {
    const dataset = this.dataset;
    return {
      metadata: this.metadata(this.idsOf('rejection')(record.rowNumber), null, record.rowNumber),
      job_id: this.file.job_id,
      dataset,
      object_key: this.file.object_key,
      row_number: record.rowNumber,
      raw: record.raw.length > RAW_LIMIT ? record.raw.slice(0, RAW_LIMIT) : record.raw,
      reasons,
    };
  }

  private metadata(
    eventId: string,
    occurredAt: Date | null,
    rowNumber: number | null,
  ): TributaryCommon.EventMetadata {
    return eventMetadata({
      eventId,
      occurredAt: occurredAt ?? this.file.metadata.occurred_at,
      ingestedAt: this.startedAt!,
      kind: this.file.source === 'sftp' ? 'sftp' : 'file',
      reference: this.file.job_id,
      rowNumber,
      traceId: this.file.metadata.trace_id ?? this.file.job_id,
    });
  }

  /** Publishes the job's state; `running` while reading, then its final status. */
  private async report(
    status: TributaryIngest.JobStatus,
    error: string | null = null,
    duplicateOf: string | null = null,
  ): Promise<void> {
    const now = this.ports.clock();
    const final = status !== 'running' && status !== 'queued';
    await this.publish('ingest.jobs', [
      {
        metadata: {
          ...this.metadata(randomUUID(), now, null),
          occurred_at: now,
          ingested_at: now,
        },
        job_id: this.file.job_id,
        dataset: this.dataset,
        status,
        rows_read: this.rowsRead,
        rows_accepted: this.rowsAccepted,
        rows_rejected: this.rowsRejected,
        started_at: this.startedAt,
        finished_at: final ? now : null,
        error,
        source: this.file.source,
        file_name: this.file.file_name,
        object_key: this.file.object_key,
        checksum_sha256: this.file.checksum_sha256,
        size_bytes: this.file.size_bytes,
        format: this.format,
        dataset_detected: this.detected,
        submitted_by: this.file.submitted_by,
        duplicate_of: duplicateOf,
        queued_at: this.file.metadata.occurred_at,
      },
    ]);
  }

  /** A chunk of rows: in batches when the settings and the topic allow, else one by one. */
  private publishChunk<T extends keyof TopicEvents>(
    topic: T,
    events: readonly TopicEvents[T][],
  ): Promise<void> {
    const batched = this.settings.batches && BATCHED_TOPICS.includes(topic);
    return this.publish(topic, events, batched);
  }

  /** Publishes, waiting out a Kafka outage with backoff: the job resumes where it was. */
  private async publish<T extends keyof TopicEvents>(
    topic: T,
    events: readonly TopicEvents[T][],
    batched = false,
  ): Promise<void> {
    const { initialMs, maxMs } = this.settings.retry;
    for (let attempt = 0; ; attempt++) {
      try {
        return batched
          ? await this.ports.bus.publishBatches(topic, events)
          : await this.ports.bus.publish(topic, events);
      } catch (error) {
        if (!isRetriable(error) || this.ports.stopping?.()) throw error;
        const wait = backoffMs(attempt, { initialMs, maxMs });
        this.log.warn(
          { err: error, topic, wait_ms: Math.round(wait) },
          'publish not acknowledged, retrying',
        );
        await sleep(wait);
      }
    }
  }
}
