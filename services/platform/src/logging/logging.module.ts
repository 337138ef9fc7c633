import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loggerOptions } from './logger';

/**
 * Nest's logger and the per-request logger, both pino. Each request line carries the correlation
 * id taken from `x-correlation-id` (or a new one), which is also echoed back to the caller.
 */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      ...loggerOptions(service, level),
      genReqId: (req, res) => {
        const given = req.headers['x-correlation-id'];
        const id =
          typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given)
            ? given
            : crypto.randomUUID();
        res.setHeader('x-correlation-id', id);
        return id;
      },
      customAttributeKeys: { reqId: 'correlation_id' },
      autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
    },
  });
}
