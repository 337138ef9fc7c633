/**
 * Something a process depends on to do its work (Kafka, ClickHouse, Postgres…). `check` resolves
 * when the dependency answers and rejects with the reason otherwise; it must be cheap, since
 * orchestrators call readiness every few seconds.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** DI token for the list of checks `/health/ready` runs. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
