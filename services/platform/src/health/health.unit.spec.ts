import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { HealthModule } from './health.module';
import { MetricsModule } from './metrics.module';
import { type ReadinessCheck } from './readiness-check';

async function appWith(checks: ReadinessCheck[]): Promise<NestFastifyApplication> {
  @Module({ imports: [HealthModule.forRoot(checks), MetricsModule.forRoot('test-service')] })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const up: ReadinessCheck = { name: 'kafka', check: async () => undefined };
const down: ReadinessCheck = {
  name: 'clickhouse',
  check: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:18123');
  },
};
const hanging: ReadinessCheck = {
  name: 'postgres',
  check: () => new Promise<void>(() => undefined),
};

describe('health and metrics routes', () => {
  let app: NestFastifyApplication | undefined;
  afterEach(async () => app?.close());

  it('live answers 200 whatever the dependencies', async () => {
    app = await appWith([down]);
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('ready is 200 when every dependency answers', async () => {
    app = await appWith([up]);
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', details: { kafka: { status: 'up' } } });
  });

  it('ready is 503 naming the dependency that failed and why, and one that hangs', async () => {
    app = await appWith([up, down, hanging]);
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'error',
      error: {
        clickhouse: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:18123' },
        postgres: { status: 'down', message: 'no answer within 2000 ms' },
      },
      details: { kafka: { status: 'up' } },
    });
  });

  it('metrics are Prometheus text with the service label', async () => {
    app = await appWith([up]);
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toMatch(
      /^tributary_process_cpu_user_seconds_total\{service="test-service"\} \d/m,
    );
  });
});
