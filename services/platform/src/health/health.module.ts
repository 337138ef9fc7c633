import { type DynamicModule, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

/**
 * `/health/live` and `/health/ready`. `checks` is a provider (usually a factory injecting the
 * service's adapters) returning the ReadinessCheck list.
 */
export class HealthModule {
  static forRoot(
    checks: Omit<Provider<ReadinessCheck[]>, 'provide'> | ReadinessCheck[],
  ): DynamicModule {
    const provider: Provider = Array.isArray(checks)
      ? { provide: READINESS_CHECKS, useValue: checks }
      : ({ ...checks, provide: READINESS_CHECKS } as Provider);
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [provider],
    };
  }
}
