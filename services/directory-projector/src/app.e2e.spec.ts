import { randomUUID } from 'node:crypto';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventPublisher, VALID_EVENTS } from '@tributary/contracts';
import { createKafka, createLogger, loadConfig } from '@tributary/platform';
import { uniqueName, waitFor } from '@tributary/testing';
import { directoryProjectorConfigSchema } from './config/directory-projector.config';
import { IngestJobEntity } from './jobs/jobs.entities';
import { createDirectoryProjector } from './main';
import { DirectoryProjector } from './projection/directory.projector';
import { directoryDatabase, moveGroup, topicEnds } from './projection/directory.test-bed';
import { CONSUMED_DIRECTORY_TOPICS } from './projection/directory.topics';

/**
 * The service as `main.ts` builds it, against the real stack: it migrates an empty database,
 * projects what an external producer publishes to the catalog topics, and reports ready (and
 * not ready once its consumer stops). The group is this run's own, moved to the topics' end
 * first, so the run sees only what it publishes.
 */
describe('directory-projector as deployed', () => {
  const bed = directoryDatabase('directory_e2e', { migrate: false });
  const groupId = uniqueName('directory-projector-e2e');
  const config = loadConfig(directoryProjectorConfigSchema, {
    ...process.env,
    DATABASE_URL: bed.config.DATABASE_URL,
    HTTP_PORT: '1',
    DIRECTORY_GROUP_ID: groupId,
    LOG_LEVEL: 'warn',
  });
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const kafka = createKafka(config, 'directory-e2e', createLogger('test', 'warn'));
    await moveGroup(kafka, groupId, await topicEnds(kafka, CONSUMED_DIRECTORY_TOPICS));
    app = await createDirectoryProjector(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('projects a job an external producer published, and reports ready with its lag', async () => {
    const jobId = randomUUID();
    const publisher = await EventPublisher.connect({
      brokers: config.KAFKA_BROKERS,
      registryUrl: config.SCHEMA_REGISTRY_URL,
      clientId: 'directory-e2e',
    });
    try {
      await publisher.publish('ingest.jobs', [
        {
          ...VALID_EVENTS['ingest.jobs'],
          metadata: publisher.metadata(new Date('2026-11-22T10:00:05.000Z')),
          job_id: jobId,
        },
      ]);
    } finally {
      await publisher.disconnect();
    }

    const job = await waitFor('the job in Postgres', () =>
      bed.db
        .getRepository(IngestJobEntity)
        .findOneBy({ job_id: jobId })
        .then((row) => row ?? undefined),
    );
    expect(job).toMatchObject({
      job_id: jobId,
      status: 'partially_failed',
      rows_read: 10,
      file_name: 'outgoing/sales.csv',
      updated_at: new Date('2026-11-22T10:00:05.000Z'),
    });

    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      details: { postgres: { status: 'up' }, 'kafka-consumer': { status: 'up' } },
    });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      new RegExp(
        `^tributary_consumer_lag\\{group="${groupId}",topic="ingest.jobs",partition="\\d"(,service="directory-projector")?\\} \\d+`,
        'm',
      ),
    );
  });

  it('reports not ready once its consumer has stopped', async () => {
    await app.get(DirectoryProjector).stop();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      details: {
        postgres: { status: 'up' },
        'kafka-consumer': { status: 'down', message: 'the directory consumer is not running' },
      },
    });
  });
});
