import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '@tributary/platform';
import { AUDIT_OUTBOX, type AuditOutbox } from './audit-log';
import { IDENTITY_TOPIC, identityEventOf } from './identity-events';

export const IDENTITY_EVENTS_SETTINGS = Symbol('IDENTITY_EVENTS_SETTINGS');

export interface IdentityEventsSettings {
  /** How often the audit log is looked at for rows not yet published. */
  pollMs: number;
  /** Rows per Kafka request. */
  batch: number;
}

/** After a failure (Kafka down), waits grow to this before the next try. */
const MAX_RETRY_MS = 30_000;

/**
 * Publishes the audit log's rows as identity events (`identity.account-events`) after they are
 * written, one subject's in the log's order (the topic's key): the audit log is the outbox. A
 * sign-in never waits for Kafka; while Kafka is down the rows wait in Postgres and are published
 * when it is back, each with the event id kept on its row, so a row published twice (a crash
 * between Kafka's acknowledgement and the row's mark) is one event to a consumer that keeps
 * event ids.
 */
@Injectable()
export class IdentityEventsPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(IdentityEventsPublisher.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;

  constructor(
    @Inject(AUDIT_OUTBOX) private readonly outbox: AuditOutbox,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(IDENTITY_EVENTS_SETTINGS) private readonly settings: IdentityEventsSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.settings.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain().then((wait) => this.schedule(wait));
    }, ms);
    this.timer.unref();
  }

  /** Publishes until nothing is left; returns how long to wait before looking again. */
  async drain(): Promise<number> {
    try {
      let published: number;
      do {
        published = await this.outbox.drain(this.settings.batch, (records) =>
          this.bus.publish(IDENTITY_TOPIC, records.map(identityEventOf)),
        );
      } while (published === this.settings.batch && !this.stopped);
      if (this.failures > 0) this.log.log('identity events published again');
      this.failures = 0;
      return this.settings.pollMs;
    } catch (error) {
      this.failures++;
      const wait = Math.min(this.settings.pollMs * 2 ** this.failures, MAX_RETRY_MS);
      this.log.warn(
        { err: error, retry_in_ms: wait },
        'identity events not published (they wait in the audit log)',
      );
      return wait;
    }
  }
}
