import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { correlationId } from './correlation-id';
import { loggerOptions } from './logger';

/**
 * Nest's logger and the per-request logger, both pino. Each request line carries the correlation
 * id taken from `x-correlation-id` (or a new one); `createFastifyAdapter` makes it Fastify's
 * request id too and echoes it to the caller.
 */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      ...loggerOptions(service, level),
      genReqId: (req) => correlationId(req),
      customAttributeKeys: { reqId: 'correlation_id' },
      autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
    },
  });
}
