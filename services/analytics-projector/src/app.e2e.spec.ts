import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventPublisher } from '@tributary/contracts';
import { ch, createClickHouse, createLogger, loadConfig } from '@tributary/platform';
import { uniqueName, waitFor } from '@tributary/testing';
import { projectorConfigSchema } from './config/projector.config';
import { createAnalyticsProjector } from './main';

describe('analytics-projector as deployed', () => {
  const database = uniqueName('projector_e2e');
  const config = loadConfig(projectorConfigSchema, {
    ...process.env,
    CLICKHOUSE_DATABASE: database,
    HTTP_PORT: '1',
    // Fixed, so a rerun resumes where the last run left off instead of projecting every reading
    // the machine ever saw into this run's database again.
    PROJECTOR_GROUP_ID: 'analytics-projector-e2e',
    LOG_LEVEL: 'warn',
  });
  const admin = createClickHouse(config, createLogger('test', 'warn'), 'default');
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await admin.command({ query: `CREATE DATABASE ${ch.table(database).text}` });
    app = await createAnalyticsProjector(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    await admin.command({ query: `DROP DATABASE IF EXISTS ${ch.table(database).text}` });
    await admin.close();
  });

  it('projects a reading an external producer published, and reports ready with its lag', async () => {
    const sensor = uniqueName('e2e-sensor');
    const publisher = await EventPublisher.connect({
      brokers: config.KAFKA_BROKERS,
      registryUrl: config.SCHEMA_REGISTRY_URL,
      clientId: 'projector-e2e',
    });
    const metadata = publisher.metadata(new Date('2026-11-22T08:30:00.000Z'));
    await publisher.publish('telemetry.readings', [
      {
        metadata,
        reading_id: metadata.event_id,
        sensor_id: sensor,
        timestamp: metadata.occurred_at,
        temperature: 18.5,
        pressure: null,
        humidity: null,
        metrics: { co2_ppm: 412 },
        version: 1,
        client_id: null,
      },
    ]);
    await publisher.disconnect();

    const projected = await waitFor(
      'the reading in ClickHouse',
      async () => {
        const result = await admin.query({
          query:
            ch.sql`SELECT toString(ts) AS ts, temperature, metric_names, metric_values, source_kind
                      FROM ${ch.table(`${database}.telemetry_readings`)} FINAL
                      WHERE sensor_id = ${ch.str(sensor)}`.text,
          format: 'JSONEachRow',
        });
        const [row] = await result.json();
        return row;
        // The first run on a machine whose topics hold a backlog projects all of it first.
      },
      { timeoutMs: 120_000 },
    );
    expect(projected).toEqual({
      ts: '2026-11-22 08:30:00',
      temperature: 18.5,
      metric_names: ['co2_ppm'],
      metric_values: [412],
      source_kind: 'stream',
    });

    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      details: { clickhouse: { status: 'up' }, 'kafka-consumer': { status: 'up' } },
    });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      new RegExp(
        `^tributary_consumer_lag\\{group="${config.PROJECTOR_GROUP_ID}",topic="telemetry.readings",partition="\\d"(,service="analytics-projector")?\\} \\d+`,
        'm',
      ),
    );
  }, 150_000);
});
