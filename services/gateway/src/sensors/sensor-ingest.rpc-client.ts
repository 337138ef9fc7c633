import { type ClientProxy } from '@nestjs/microservices';
import {
  CORRECT_READING,
  RECORD_READINGS,
  sealServiceMessage,
  type CorrectReadingCommand,
  type CorrectReadingReply,
  type RecordReadingsCommand,
  type RecordReadingsReply,
  type RpcFailure,
} from '@tributary/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import {
  SensorIngestFailure,
  SensorIngestUnreachable,
  type SensorIngest,
} from './sensor-ingest.port';

const RPC_FAILURE_CODES: readonly string[] = [
  'READINGS.INVALID',
  'EVENTS.UNAVAILABLE',
  'RPC.UNAUTHENTICATED',
  'INTERNAL',
];

const isRpcFailure = (error: unknown): error is RpcFailure =>
  typeof error === 'object' &&
  error !== null &&
  RPC_FAILURE_CODES.includes((error as { code?: unknown }).code as string) &&
  typeof (error as { message?: unknown }).message === 'string';

/** sensor-ingest over Nest's TCP transport, every message sealed with the service credential. */
export class RpcSensorIngest implements SensorIngest {
  constructor(
    private readonly client: ClientProxy,
    private readonly timeoutMs: number,
    private readonly credential: string,
  ) {}

  record(command: RecordReadingsCommand): Promise<RecordReadingsReply> {
    return this.call<RecordReadingsReply>(RECORD_READINGS, command);
  }

  correct(command: CorrectReadingCommand): Promise<CorrectReadingReply> {
    return this.call<CorrectReadingReply>(CORRECT_READING, command);
  }

  private async call<T>(pattern: string, payload: unknown): Promise<T> {
    try {
      return await firstValueFrom(
        this.client
          .send<T>(pattern, sealServiceMessage(this.credential, payload))
          .pipe(timeout(this.timeoutMs)),
      );
    } catch (error) {
      if (isRpcFailure(error)) throw new SensorIngestFailure(error);
      if (error instanceof TimeoutError) {
        throw new SensorIngestUnreachable(
          `sensor-ingest did not answer within ${this.timeoutMs} ms`,
        );
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new SensorIngestUnreachable(`sensor-ingest cannot be reached: ${reason}`);
    }
  }
}
