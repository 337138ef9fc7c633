import { randomBytes } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EventCodec,
  eventsOfBatch,
  CORRECT_READING,
  RECORD_READINGS,
  readingIdFor,
  sealServiceMessage,
  type RecordReadingsReply,
} from '@tributary/contracts';
import { createKafka, createLogger, loadConfig } from '@tributary/platform';
import { readFrom, topicEnd, uniqueName, waitFor } from '@tributary/testing';
import { firstValueFrom } from 'rxjs';
import { sensorIngestConfigSchema } from './config/sensor-ingest.config';
import { createSensorIngest } from './main';

describe('sensor-ingest over its TCP microservice', () => {
  // A port of its own per run, so parallel test runs on one machine do not collide.
  const rpcPort = 20_000 + Math.floor(Math.random() * 10_000);
  const credential = randomBytes(32).toString('hex');
  const config = loadConfig(sensorIngestConfigSchema, {
    ...process.env,
    HTTP_PORT: '1',
    RPC_PORT: String(rpcPort),
    PUBLISH_TIMEOUT_MS: '10000',
    SERVICE_CREDENTIAL: credential,
    LOG_LEVEL: 'warn',
  });
  /** A call as the gateway makes it: the command sealed with the service credential. */
  const send = <T>(pattern: string, command: unknown) =>
    firstValueFrom(client.send<T>(pattern, sealServiceMessage(credential, command)));
  let app: NestFastifyApplication;
  let client: ClientProxy;

  beforeAll(async () => {
    app = await createSensorIngest(config);
    await app.startAllMicroservices();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port: rpcPort },
    });
    await client.connect();
  });

  afterAll(async () => {
    client.close();
    await app.close();
  });

  it('records a request’s readings on Kafka in one batch and replies with their ids once acknowledged', async () => {
    const sensor = uniqueName('rpc-sensor');
    const kafka = createKafka(config, 'sensor-ingest-e2e', createLogger('test', 'warn'));
    const start = await topicEnd(kafka, 'telemetry.readings-batches');
    const reply = await send<RecordReadingsReply>(RECORD_READINGS, {
      trace_id: 'e2e-trace',
      // As the gateway sends them: validated, in the contract's tuples (10:00 and 10:01 UTC).
      readings: [
        ['k-1', sensor, 1_795_341_600_000, 19, null, null, null],
        ['k-2', sensor, 1_795_341_660_000, 19.5, null, null, null],
      ],
    });
    expect(reply).toEqual({
      accepted: 2,
      ids: [readingIdFor(sensor, 'k-1'), readingIdFor(sensor, 'k-2')],
    });

    const codec = new EventCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
    const seen: { temperature: number | null; trace: string | null }[][] = [];
    const consumer = await readFrom(kafka, start, async (message) => {
      if (message.key?.toString() !== sensor || !message.value) return;
      const batch = await codec.decode('telemetry.readings-batches', message.value);
      seen.push(
        eventsOfBatch(batch).map((event) => ({
          temperature: (event as unknown as { temperature: number | null }).temperature,
          trace: event.metadata.trace_id,
        })),
      );
    });
    try {
      await waitFor('the batch on the topic', async () => (seen.length === 1 ? true : undefined));
    } finally {
      await consumer.disconnect();
    }
    // One sensor, one partition: one message holding both, in order.
    expect(seen).toEqual([
      [
        { temperature: 19, trace: 'e2e-trace' },
        { temperature: 19.5, trace: 'e2e-trace' },
      ],
    ]);
  });

  it('answers a call of the wrong shape with READINGS.INVALID naming the reading', async () => {
    const failure = await send(RECORD_READINGS, {
      trace_id: null,
      readings: [{ sensor_id: 's', timestamp: 'now' }],
    }).catch((e: unknown) => e);
    expect(failure).toEqual({
      code: 'READINGS.INVALID',
      message: 'the call is not a batch of validated readings',
      errors: [
        {
          path: 'readings[0]',
          message:
            'must be [id, sensor_id, timestamp_ms, temperature, pressure, humidity, metrics]',
        },
      ],
    });
  });

  it('refuses a value of the wrong type the shape check lets through, naming its field', async () => {
    // The codec writes without checking first: Avro's writer refuses the string, and only then
    // is the batch checked to name it. Nothing is published.
    const failure = await send(RECORD_READINGS, {
      trace_id: null,
      readings: [[null, uniqueName('s'), 1_795_341_600_000, 1, null, null, { battery_v: 'x' }]],
    }).catch((e: unknown) => e);
    expect(failure).toEqual({
      code: 'READINGS.INVALID',
      message: "the readings do not fit telemetry.readings's schema",
      errors: [{ path: 'items.0.metrics.battery_v', message: 'expected a number, got "x"' }],
    });
  });

  it('does not answer the patterns of earlier versions (a rolling deploy: 503, then retried)', async () => {
    // A gateway of the previous version (a rolling deploy) finds no handler: it answers 503 and
    // the client retries, instead of its readings being refused as invalid.
    const failure = await firstValueFrom(
      client.send('sensors.readings.record', {
        trace_id: null,
        readings: [{ sensor_id: 's', timestamp: '2026-11-22T10:00:00Z', temperature: 1 }],
      }),
    ).catch((e: unknown) => e);
    expect(failure).toBe('There is no matching message handler defined in the remote service.');
  });

  it('refuses a message without the service credential, recording nothing', async () => {
    const sensor = uniqueName('intruder');
    const kafka = createKafka(config, 'sensor-ingest-e2e', createLogger('test', 'warn'));
    const [batches, corrections] = [
      await topicEnd(kafka, 'telemetry.readings-batches'),
      await topicEnd(kafka, 'telemetry.readings-corrected'),
    ];
    const command = {
      trace_id: null,
      readings: [['x-1', sensor, 1_795_341_600_000, 21, null, null, null]],
    };
    const refused = {
      code: 'RPC.UNAUTHENTICATED',
      message: 'the message does not carry the service credential',
    };
    // A raw command (the attack the issue found), a wrong credential, and a correction.
    for (const message of [
      command,
      sealServiceMessage('w'.repeat(64), command),
      { credential: null, command },
    ]) {
      const failure = await firstValueFrom(client.send(RECORD_READINGS, message)).catch(
        (e: unknown) => e,
      );
      expect(failure).toEqual(refused);
    }
    const correction = await firstValueFrom(
      client.send(CORRECT_READING, { reading_id: readingIdFor(sensor, 'x-1') }),
    ).catch((e: unknown) => e);
    expect(correction).toEqual(refused);
    // Then one sealed message for another sensor: once it is on the topic, anything the refused
    // ones had published before it would be too; none of them is.
    const marker = uniqueName('marker');
    await send(RECORD_READINGS, {
      trace_id: null,
      readings: [['m-1', marker, 1_795_341_600_000, 1, null, null, null]],
    });
    const keys: string[] = [];
    const consumers = await Promise.all(
      [batches, corrections].map((start) =>
        readFrom(kafka, start, (message) => {
          keys.push(message.key?.toString() ?? '');
          return Promise.resolve();
        }),
      ),
    );
    try {
      await waitFor('the marker on the topic', async () =>
        keys.includes(marker) ? true : undefined,
      );
    } finally {
      await Promise.all(consumers.map((c) => c.disconnect()));
    }
    expect(keys.filter((k) => k === sensor)).toEqual([]);
  });

  it('reports ready once Kafka answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
  });
});
