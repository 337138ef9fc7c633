import 'reflect-metadata';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import {
  createFastifyAdapter,
  createNestService,
  METRICS_REGISTRY,
  serviceMain,
  startOpsServer,
} from '@tributary/platform';
import { type Registry } from 'prom-client';
import { GatewayModule } from './app.module';
import { serveConsole } from './console/console.static';
import { gatewayConfigSchema, type GatewayConfig } from './config/gateway.config';
import { gatewayMigrateCommand } from './migrate';
import { RouteCatalog } from './http/api-index.controller';
import { describeRouteAccess } from './http/openapi';
import { renderProblem, sendProblem } from './http/problem.filter';
import { addSecurityHeaders } from './http/security-headers';

/** The gateway, ready to listen: routes, guards, problem responses and the OpenAPI document. */
export async function createGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  const adapter = createFastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: false,
    // Path ids may be up to 128 characters (Fastify's default cut-off is 100, answered with 414);
    // the routes' own validation gives the clear 400 beyond that.
    routerOptions: { maxParamLength: 512 },
    // A path the router cannot decode or cut (bad escapes, a segment past 512) is a problem too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, renderProblem(error, request));
    },
  });
  // Errors Fastify raises before a route runs (bad JSON, body too large) are problems as well.
  adapter.getInstance().setErrorHandler((error, request, reply) => {
    sendProblem(reply, renderProblem(error, request));
  });
  addSecurityHeaders(adapter.getInstance(), { hstsMaxAgeS: config.HSTS_MAX_AGE_S });
  const app = await createNestService(GatewayModule.forRoot(config), adapter);
  // Cross-site browser calls only from the configured origins (none by default).
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-correlation-id'],
      exposedHeaders: ['ratelimit', 'ratelimit-policy', 'retry-after', 'x-correlation-id'],
      maxAge: 600,
    });
  }
  // Uploads are streamed part by part (never buffered whole); the landing store enforces the
  // per-file limit as it writes, this one stops reading past it. One byte over: the parser cuts
  // a file at its limit and ends it as if whole, so at exactly MAX_FILE_BYTES the landing store
  // would keep (and queue) the cut file; with one byte more the store sees it too large first.
  await app.register(multipart as unknown as Parameters<NestFastifyApplication['register']>[0], {
    limits: {
      fileSize: config.MAX_FILE_BYTES + 1,
      files: config.MAX_FILES_PER_UPLOAD,
      fields: 100,
      fieldSize: 1_024,
      parts: config.MAX_FILES_PER_UPLOAD + 100,
    },
  });
  await serveConsole(app, config.CONSOLE_DIR);

  const document = describeRouteAccess(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Tributary')
        .setDescription(
          'Event-streaming data platform. Authenticate with POST /v1/auth/login and send the access ' +
            'token as `Authorization: Bearer <token>`. Errors are application/problem+json (RFC 9457). ' +
            'Lists are `{items, next_cursor}`; pass `cursor` to get the next page.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    // The UI is a convenience for people exploring; production images leave it off by default.
    ui: config.SWAGGER_UI ?? config.NODE_ENV !== 'production',
  });
  app.get(RouteCatalog).load(document);
  return app;
}

/**
 * `/metrics` on OPS_PORT at OPS_HOST, closed with the app. The public port has no /metrics: what
 * it reveals (runtime, memory, open files) is for operators, and scraping must not spend budgets.
 */
export async function startGatewayOps(
  app: NestFastifyApplication,
  config: GatewayConfig,
): Promise<void> {
  const ops = await startOpsServer(app.get<Registry>(METRICS_REGISTRY), {
    host: config.OPS_HOST,
    port: config.OPS_PORT,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', (_instance, done) => {
      ops.close(() => done());
    });
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module)
  serviceMain({
    service: 'gateway',
    schema: gatewayConfigSchema,
    create: createGateway,
    beforeListen: startGatewayOps,
    migrate: gatewayMigrateCommand,
  });
