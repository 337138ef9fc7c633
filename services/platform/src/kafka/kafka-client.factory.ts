import { ignoreKafkajsNegativeTimeoutWarning } from '@tributary/contracts';
import {
  Kafka,
  logLevel,
  type KafkaConfig as KafkaJsConfig,
  type LogEntry,
  type logCreator,
} from 'kafkajs';
import { type Logger } from '../logging/logger';
import { kafkaConfigProblems, type KafkaConfig } from './kafka.config';

const pinoLevel: Record<logLevel, 'error' | 'warn' | 'info' | 'debug' | null> = {
  [logLevel.NOTHING]: null,
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Routes kafkajs's own logging into the service's pino logger, namespaced per component.
 * kafkajs logs every error response from a broker at ERROR ("Response InitProducerId…: the
 * coordinator is loading"), even those it then retries; the caller sees the ones that are not
 * retried as exceptions, so these lines are kept at debug.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ module: 'kafkajs' });
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const isBrokerResponse = namespace === 'Connection' && log.message.startsWith('Response ');
      const method = isBrokerResponse && level === logLevel.ERROR ? 'debug' : pinoLevel[level];
      if (!method) return;
      const { message, ...extra } = log;
      kafkaLogger[method]({ namespace, ...extra }, message);
    };
}

/**
 * kafkajs's `ssl` and `sasl` options from the config: TLS when KAFKA_SSL is true or a CA file is
 * given (that CA then replaces Node's), SASL when a mechanism is set. A config that skipped the
 * schema's refinements (built by hand) still fails here, naming the variable.
 */
export function kafkaSecurity(config: KafkaConfig): Pick<KafkaJsConfig, 'ssl' | 'sasl'> {
  const problems = kafkaConfigProblems(config);
  if (problems.length > 0)
    throw new Error(
      `Invalid Kafka configuration: ${problems.map((p) => `${p.path[0]}: ${p.message}`).join('; ')}`,
    );
  const security: Pick<KafkaJsConfig, 'ssl' | 'sasl'> = {};
  const ca = config.KAFKA_SSL_CA_FILE;
  if (ca !== undefined) security.ssl = { ca: [ca.pem] };
  else if (config.KAFKA_SSL === true) security.ssl = true;
  if (config.KAFKA_SASL_MECHANISM !== undefined)
    security.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME!,
      password: config.KAFKA_SASL_PASSWORD!,
    } as KafkaJsConfig['sasl'];
  return security;
}

/**
 * The one place a kafkajs client is built. kafkajs is unmaintained since 2023, so services reach
 * Kafka only through the platform's ports, and this factory is what a replacement would change.
 */
export function createKafka(config: KafkaConfig, clientId: string, logger: Logger): Kafka {
  ignoreKafkajsNegativeTimeoutWarning();
  return new Kafka({
    clientId,
    brokers: config.KAFKA_BROKERS,
    ...kafkaSecurity(config),
    logLevel: logLevel.INFO,
    logCreator: kafkaLogCreator(logger),
    // Jittered exponential backoff, ~0.3 s to 30 s, for every retriable broker error.
    retry: { initialRetryTime: 300, maxRetryTime: 30_000, retries: 8 },
  });
}
