import 'reflect-metadata';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createNestService, serviceMain } from '@tributary/platform';
import { AnalyticsProjectorModule } from './app.module';
import { projectorConfigSchema, type ProjectorConfig } from './config/projector.config';
import { projectorMigrateCommand } from './migrate';

/** The service as deployed, not yet listening. */
export function createAnalyticsProjector(config: ProjectorConfig): Promise<NestFastifyApplication> {
  return createNestService(AnalyticsProjectorModule.forRoot(config));
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module)
  serviceMain({
    service: 'analytics-projector',
    schema: projectorConfigSchema,
    create: createAnalyticsProjector,
    migrate: projectorMigrateCommand,
  });
