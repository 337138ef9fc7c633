import { Controller, Get, Header, Inject, Module, type DynamicModule } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PublicRoute } from './public-route';

/** DI token of the service's Prometheus registry; services register their own metrics on it. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

@PublicRoute()
@Controller('metrics')
class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * `/metrics` in Prometheus text format, with Node's process metrics and a `service` label on
 * every series. Each app gets its own registry, so two apps in one test process never clash.
 * `{ route: false }`: the registry without the route, for an app whose HTTP port is public and
 * serves `/metrics` on its ops port instead (`startOpsServer`).
 */
@Module({})
export class MetricsModule {
  static forRoot(service: string, { route = true }: { route?: boolean } = {}): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: route ? [MetricsController] : [],
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            const registry = new Registry();
            registry.setDefaultLabels({ service });
            collectDefaultMetrics({ register: registry, prefix: 'tributary_' });
            return registry;
          },
        },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
