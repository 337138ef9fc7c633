import {
  ClickHouseLogLevel,
  createClient,
  type ClickHouseClient,
  type ErrorLogParams,
  type Logger as ClickHouseLogger,
  type LogParams,
  type WarnLogParams,
} from '@clickhouse/client';
import { type Logger } from '../logging/logger';
import { type ClickHouseConfig } from './clickhouse.config';

/**
 * Builds the ClickHouse client with the settings both server generations need:
 * - idle sockets are dropped after 2.5 s, below the server's 3 s keep-alive (18.16's default),
 *   or a reused socket the server already closed fails an insert with ECONNRESET;
 * - ISO-8601 `…T…Z` timestamps parse only with best_effort on 18.16;
 * - the client's own console logging is replaced by the service's pino logger.
 */
export interface ClickHouseReadLimits {
  /**
   * Longest a statement may run, in seconds: the server cancels it then (TIMEOUT_EXCEEDED), and
   * the client waits 5 s more for that answer. Without it a statement the client gave up on keeps
   * running on the server, loading it for nobody. A client with limits is a reader's: its answers
   * are also sent whole once complete (`wait_end_of_query`), so a failure is an HTTP error.
   */
  maxExecutionTimeS: number;
}

export function createClickHouse(
  config: ClickHouseConfig,
  logger: Logger,
  database: string = config.CLICKHOUSE_DATABASE,
  limits?: ClickHouseReadLimits,
): ClickHouseClient {
  const log = logger.child({ module: 'clickhouse' });
  class PinoClickHouseLogger implements ClickHouseLogger {
    trace({ message, args }: LogParams) {
      log.trace(args ?? {}, message);
    }
    debug({ message, args }: LogParams) {
      log.debug(args ?? {}, message);
    }
    info({ message, args }: LogParams) {
      log.info(args ?? {}, message);
    }
    warn({ message, args, err }: WarnLogParams) {
      log.warn({ ...args, err }, message);
    }
    error({ message, args, err }: ErrorLogParams) {
      log.error({ ...args, err }, message);
    }
  }
  return createClient({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database,
    keep_alive: { enabled: true, idle_socket_ttl: 2_500 },
    clickhouse_settings: {
      date_time_input_format: 'best_effort',
      // A read client has the server hold the answer until the query is done: otherwise a
      // query failing part-way (a result or time limit) has already answered 200 with rows, its
      // error appended to the body where no status says so, and the client fails on the text.
      ...(limits ? { max_execution_time: limits.maxExecutionTimeS, wait_end_of_query: 1 } : {}),
    },
    ...(limits ? { request_timeout: (limits.maxExecutionTimeS + 5) * 1000 } : {}),
    log: { LoggerClass: PinoClickHouseLogger, level: ClickHouseLogLevel.WARN },
  });
}
