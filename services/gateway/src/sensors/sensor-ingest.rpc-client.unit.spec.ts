import { type ClientProxy } from '@nestjs/microservices';
import { of, throwError } from 'rxjs';
import { RpcSensorIngest } from './sensor-ingest.rpc-client';
import { SensorIngestFailure, SensorIngestUnreachable } from './sensor-ingest.port';

/** A ClientProxy whose every call fails with `error`, as Nest's TCP client reports it. */
const failingWith = (error: unknown) =>
  ({ send: () => throwError(() => error) }) as unknown as ClientProxy;

const command = { readings: [], trace_id: null };
const CREDENTIAL = 'c'.repeat(32);

describe('RpcSensorIngest', () => {
  it('passes a failure of the contract on as SensorIngestFailure', async () => {
    const failure = { code: 'EVENTS.UNAVAILABLE', message: 'Kafka did not acknowledge' };
    const error = await new RpcSensorIngest(failingWith(failure), 1_000, CREDENTIAL)
      .record(command)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SensorIngestFailure);
    expect((error as SensorIngestFailure).failure).toEqual(failure);
  });

  it('takes a sensor-ingest without a handler for the call (another version) as unreachable: retriable', async () => {
    const error = await new RpcSensorIngest(
      // What Nest's TCP client rejects with then (sensor-ingest's app.e2e.spec.ts shows it).
      failingWith('There is no matching message handler defined in the remote service.'),
      1_000,
      CREDENTIAL,
    )
      .record(command)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SensorIngestUnreachable);
    expect(error).toMatchObject({
      retriable: true,
      message:
        'sensor-ingest cannot be reached: There is no matching message handler defined in the remote service.',
    });
  });

  it('seals every message with the service credential', async () => {
    const sent: unknown[] = [];
    const client = {
      send: (_: string, message: unknown) => {
        sent.push(message);
        return of({ accepted: 0, ids: [] });
      },
    } as unknown as ClientProxy;
    await new RpcSensorIngest(client, 1_000, CREDENTIAL).record(command);
    expect(sent).toEqual([{ credential: CREDENTIAL, command }]);
  });
});
