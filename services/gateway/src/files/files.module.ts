import { Module, type DynamicModule } from '@nestjs/common';
import { createLandingStore, EVENT_BUS, FileIntake, type EventBus } from '@tributary/platform';
import { type GatewayConfig } from '../config/gateway.config';
import { FilesController } from './files.controller';
import { FILE_INTAKE, FilesService, UPLOAD_LIMITS, type UploadLimits } from './files.service';

/** `POST /v1/files`: uploads streamed into the landing store, each queued as an ingest job. */
@Module({})
export class FilesModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: FilesModule,
      controllers: [FilesController],
      providers: [
        {
          provide: FILE_INTAKE,
          inject: [EVENT_BUS],
          useFactory: async (bus: EventBus) =>
            new FileIntake(await createLandingStore(config), bus),
        },
        {
          provide: UPLOAD_LIMITS,
          useValue: {
            maxFileBytes: config.MAX_FILE_BYTES,
            maxFiles: config.MAX_FILES_PER_UPLOAD,
          } satisfies UploadLimits,
        },
        FilesService,
      ],
    };
  }
}
