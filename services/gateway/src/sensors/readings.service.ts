import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import {
  readingIdFor,
  readingInputSchema,
  readingsBatchSchema,
  validatedReading,
  type RecordReadingsReply,
} from '@tributary/contracts';
import { ProblemException } from '../http/problem';
import { parseOrThrow } from '../http/validation';
import { decodeCursor, encodeCursor } from '../http/cursor';
import {
  type AggregatesQuery,
  type AggregateView,
  type CorrectionBody,
  type ListReadingsQuery,
  type ReadingView,
} from './readings.dto';
import {
  READINGS_STORE,
  type AggregateKey,
  type ReadingKey,
  type ReadingsStore,
  type StoredReading,
} from './readings.store';
import {
  SENSOR_INGEST,
  SensorIngestFailure,
  SensorIngestUnreachable,
  type SensorIngest,
} from './sensor-ingest.port';

const DEFAULT_LIMIT = 100;
/** Seconds a client is asked to wait when Kafka or sensor-ingest is unavailable. */
const RETRY_AFTER_S = '5';

export type { Page } from '../http/page';

const iso = (ms: number) => new Date(ms).toISOString();

export const toReadingView = (r: StoredReading): ReadingView => ({
  id: r.id,
  sensor_id: r.sensorId,
  timestamp: iso(r.timestampMs),
  temperature: r.temperature,
  pressure: r.pressure,
  humidity: r.humidity,
  metrics: r.metrics,
  version: r.version,
  client_id: r.clientId,
});

const isReadingKey = (k: unknown): k is ReadingKey =>
  typeof k === 'object' &&
  k !== null &&
  Number.isSafeInteger((k as ReadingKey).timestampMs) &&
  typeof (k as ReadingKey).sensorId === 'string' &&
  typeof (k as ReadingKey).id === 'string';

const isAggregateKey = (k: unknown): k is AggregateKey =>
  typeof k === 'object' &&
  k !== null &&
  Number.isSafeInteger((k as AggregateKey).bucketStartMs) &&
  typeof (k as AggregateKey).sensorId === 'string';

const notFound = (id: string, sensorId: string | undefined) =>
  new ProblemException(
    'not-found',
    sensorId === undefined
      ? `no reading ${id}; a reading can be corrected once it shows in GET /v1/sensors/readings`
      : `sensor ${sensorId} has no reading ${id} (by the id it was recorded with or the id it was answered with); a reading shows once it is in GET /v1/sensors/${sensorId}/readings`,
  );

const ms = (instant: string | undefined) =>
  instant === undefined ? undefined : Date.parse(instant);

@Injectable()
export class ReadingsService {
  constructor(
    @Inject(SENSOR_INGEST) private readonly ingest: SensorIngest,
    @Inject(READINGS_STORE) private readonly store: ReadingsStore,
  ) {}

  /**
   * Validates one reading or a batch (every invalid item reported by index and field), then hands
   * them to sensor-ingest and answers once Kafka acknowledged every event. This is the one place
   * a reading is checked on its way to Kafka: sensor-ingest trusts the normalised readings it is
   * sent (contracts' `ValidatedReading`).
   */
  async record(body: unknown, traceId: string): Promise<RecordReadingsReply> {
    const isBatch = typeof body === 'object' && body !== null && 'readings' in body;
    const readings = isBatch
      ? parseOrThrow(readingsBatchSchema, body, 'body').readings
      : [parseOrThrow(readingInputSchema, body ?? {}, 'body')];
    return this.callIngest(() =>
      this.ingest.record({ readings: readings.map(validatedReading), trace_id: traceId }),
    );
  }

  /**
   * The reading `id` names among `sensorId`'s: the `id` its client sent when recording it (a
   * client's ids are its own per sensor, so it is resolved the way sensor-ingest derived the
   * reading's id from it, `readingIdFor`), else the id the server answered with. A client id is
   * tried first: one that happens to look like a server id still finds the client's reading.
   */
  private async find(sensorId: string, id: string): Promise<StoredReading | undefined> {
    const byClientId = await this.store.get(readingIdFor(sensorId, id));
    if (byClientId) return byClientId;
    const byServerId = await this.store.get(id);
    return byServerId?.sensorId === sensorId ? byServerId : undefined;
  }

  /** One reading of a sensor, by its client id or its server id. */
  async one(sensorId: string, id: string): Promise<ReadingView> {
    const found = await this.find(sensorId, id);
    if (!found) throw notFound(id, sensorId);
    return toReadingView(found);
  }

  /**
   * Corrects a reading named by its server id, or (with `sensorId`) by the client id it was
   * recorded with or its server id.
   */
  async correct(
    id: string,
    body: CorrectionBody,
    traceId: string,
    sensorId?: string,
  ): Promise<ReadingView> {
    const current =
      sensorId === undefined ? await this.store.get(id) : await this.find(sensorId, id);
    if (!current) throw notFound(id, sensorId);
    const corrected = {
      temperature: body.temperature ?? null,
      pressure: body.pressure ?? null,
      humidity: body.humidity ?? null,
      metrics: body.metrics ?? {},
    };
    const reply = await this.callIngest(() =>
      this.ingest.correct({
        reading_id: current.id,
        sensor_id: current.sensorId,
        timestamp: iso(current.timestampMs),
        current_version: current.version,
        client_id: current.clientId,
        ...corrected,
        reason: body.reason ?? null,
        trace_id: traceId,
      }),
    );
    return {
      id: current.id,
      sensor_id: current.sensorId,
      timestamp: iso(current.timestampMs),
      ...corrected,
      version: reply.version,
      client_id: current.clientId,
    };
  }

  async list(query: ListReadingsQuery): Promise<Page<ReadingView>> {
    const { cursor, limit = DEFAULT_LIMIT, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, filters, isReadingKey);
    const rows = await this.store.list(
      {
        sensorId: filters.sensor_id,
        fromMs: ms(filters.from),
        toMs: ms(filters.to),
        minTemperature: filters.min_temperature,
        maxTemperature: filters.max_temperature,
        minPressure: filters.min_pressure,
        maxPressure: filters.max_pressure,
      },
      after,
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toReadingView),
      next_cursor:
        rows.length > limit && last
          ? encodeCursor(
              { timestampMs: last.timestampMs, sensorId: last.sensorId, id: last.id },
              filters,
            )
          : null,
    };
  }

  async aggregates(query: AggregatesQuery): Promise<Page<AggregateView>> {
    const { cursor, limit = DEFAULT_LIMIT, ...filters } = query;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, filters, isAggregateKey);
    const rows = await this.store.aggregates(
      {
        interval: filters.interval,
        sensorId: filters.sensor_id,
        fromMs: ms(filters.from),
        toMs: ms(filters.to),
      },
      after,
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((a) => ({
        sensor_id: a.sensorId,
        interval: filters.interval,
        bucket_start: iso(a.bucketStartMs),
        readings: a.readings,
        temperature: a.temperature,
        pressure: a.pressure,
        humidity: a.humidity,
      })),
      next_cursor:
        rows.length > limit && last
          ? encodeCursor({ sensorId: last.sensorId, bucketStartMs: last.bucketStartMs }, filters)
          : null,
    };
  }

  /** sensor-ingest's failures as problems: nothing unacknowledged is ever answered with a 2xx. */
  private async callIngest<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof SensorIngestFailure) {
        const { failure } = error;
        if (failure.code === 'READINGS.INVALID') {
          throw new ProblemException('validation-failed', failure.message, {
            errors: failure.errors ?? [],
          });
        }
        if (failure.code === 'EVENTS.UNAVAILABLE') {
          throw new ProblemException(
            'service-unavailable',
            'Kafka did not acknowledge the readings in time; nothing is confirmed stored. Retry with the same ids.',
            {},
            { 'Retry-After': RETRY_AFTER_S },
          );
        }
      }
      if (error instanceof SensorIngestUnreachable) {
        throw new ProblemException(
          'service-unavailable',
          `${error.message}; nothing is confirmed stored. Retry with the same ids.`,
          {},
          { 'Retry-After': RETRY_AFTER_S },
        );
      }
      throw error;
    }
  }
}
