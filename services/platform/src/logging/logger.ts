import pino, { type Logger, type LoggerOptions } from 'pino';
import { z } from 'zod';

export type { Logger } from 'pino';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const loggingConfigSchema = z.object({
  LOG_LEVEL: z
    .enum(logLevels)
    .default('info')
    .describe('`info` logs each request, batch and lifecycle event but not each record.'),
});

/**
 * Base options for every logger in the platform: JSON lines, ISO timestamps, the service name on
 * every line, and credentials redacted wherever they appear in a logged object.
 */
export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
}

export function createLogger(
  service: string,
  level: string = 'info',
  destination?: pino.DestinationStream,
): Logger {
  return destination
    ? pino(loggerOptions(service, level), destination)
    : pino(loggerOptions(service, level));
}
