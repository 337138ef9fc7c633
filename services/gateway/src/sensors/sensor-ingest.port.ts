import {
  type CorrectReadingCommand,
  type CorrectReadingReply,
  type RecordReadingsCommand,
  type RecordReadingsReply,
  type RpcFailure,
  TributaryError,
} from '@tributary/contracts';

/** sensor-ingest as the gateway sees it: both calls resolve only once Kafka acknowledged. */
export interface SensorIngest {
  record(command: RecordReadingsCommand): Promise<RecordReadingsReply>;
  correct(command: CorrectReadingCommand): Promise<CorrectReadingReply>;
}

export const SENSOR_INGEST = Symbol('SENSOR_INGEST');

/** sensor-ingest answered with a failure of the contract (invalid readings, Kafka unavailable). */
export class SensorIngestFailure extends TributaryError {
  constructor(readonly failure: RpcFailure) {
    super(failure.code, failure.message, { retriable: failure.code === 'EVENTS.UNAVAILABLE' });
  }
}

/** sensor-ingest could not be reached or did not answer in time. */
export class SensorIngestUnreachable extends TributaryError {
  constructor(message: string) {
    super('SENSOR_INGEST.UNREACHABLE', message, { retriable: true });
  }
}
