import { Module } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { POSTGRES } from '../infrastructure';
import { JobsController } from './jobs.controller';
import { PostgresJobsStore } from './jobs.postgres-store';
import { JobsService } from './jobs.service';
import { JOBS_STORE } from './jobs.store';

/** `/v1/jobs/*`: ingest jobs and their rejected rows, as directory-projector keeps them. */
@Module({
  controllers: [JobsController],
  providers: [
    {
      provide: JOBS_STORE,
      inject: [POSTGRES],
      useFactory: (db: DataSource) => new PostgresJobsStore(db),
    },
    JobsService,
  ],
})
export class JobsModule {}
