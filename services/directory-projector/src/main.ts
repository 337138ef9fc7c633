import 'reflect-metadata';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createNestService, serviceMain } from '@tributary/platform';
import { DirectoryProjectorModule } from './app.module';
import {
  directoryProjectorConfigSchema,
  type DirectoryProjectorConfig,
} from './config/directory-projector.config';
import { directoryMigrateCommand } from './migrate';

/** The service as deployed, not yet listening (tests `init()` it and inject requests). */
export function createDirectoryProjector(
  config: DirectoryProjectorConfig,
): Promise<NestFastifyApplication> {
  return createNestService(DirectoryProjectorModule.forRoot(config));
}

// `node .` serves; `node . migrate` applies the database migrations and exits (a Job's command).
if (require.main === module)
  serviceMain({
    service: 'directory-projector',
    schema: directoryProjectorConfigSchema,
    create: createDirectoryProjector,
    migrate: directoryMigrateCommand,
  });
