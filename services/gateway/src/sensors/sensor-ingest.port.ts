import {
  type CorrectReadingCommand,
  type CorrectReadingReply,
  type RecordReadingsCommand,
  type RecordReadingsReply,
  type RpcFailure,
} from '@tributary/contracts';

/** sensor-ingest as the gateway sees it: both calls resolve only once Kafka acknowledged. */
export interface SensorIngest {
  record(command: RecordReadingsCommand): Promise<RecordReadingsReply>;
  correct(command: CorrectReadingCommand): Promise<CorrectReadingReply>;
}

export const SENSOR_INGEST = Symbol('SENSOR_INGEST');

/** sensor-ingest answered with a failure of the contract (invalid readings, Kafka unavailable). */
export class SensorIngestFailure extends Error {
  constructor(readonly failure: RpcFailure) {
    super(failure.message);
  }
}

/** sensor-ingest could not be reached or did not answer in time. */
export class SensorIngestUnreachable extends Error {
  readonly code = 'SENSOR_INGEST.UNREACHABLE';
}
