import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type Principal } from '../auth/account';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ApiJson, ApiProblems } from '../http/openapi';
import { ApiQueryFrom, parseOrThrow, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  JOB_EXAMPLE,
  REJECTION_EXAMPLE,
  jobIdSchema,
  jobPageSchema,
  jobViewSchema,
  listJobsQuerySchema,
  rejectionPageSchema,
  rejectionsQuerySchema,
  type JobView,
  type ListJobsQuery,
  type RejectionsQuery,
  type RejectionView,
} from './jobs.dto';
import { JobsService, type Page } from './jobs.service';

const jobIdOf = (id: string) => parseOrThrow(jobIdSchema, id, 'path');

@ApiTags('files and jobs')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @RateLimit('query')
  @ApiOperation({
    summary: 'Ingest jobs, newest first',
    description:
      'Analysts and admins see every job; an ingest account or key sees the jobs it submitted.',
  })
  @ApiQueryFrom(listJobsQuerySchema)
  @ApiJson(200, 'A page of jobs', jobPageSchema, { items: [JOB_EXAMPLE], next_cursor: null })
  @ApiProblems('validation-failed', 'unauthorized', 'rate-limited', 'service-unavailable')
  list(
    @Query(new ZodPipe(listJobsQuerySchema)) query: ListJobsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<JobView>> {
    return this.jobs.list(query, principal);
  }

  @Get(':id')
  @RateLimit('query')
  @ApiOperation({
    summary: 'One job, with its progress while it runs',
    description:
      'While `running`, `rows` grows about once a second; `rows_per_second` is the rate so far.',
  })
  @ApiParam({ name: 'id', example: '0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63' })
  @ApiJson(200, 'The job', jobViewSchema, JOB_EXAMPLE)
  @ApiProblems('validation-failed', 'unauthorized', 'not-found', 'rate-limited')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<JobView> {
    return this.jobs.get(jobIdOf(id), principal);
  }

  @Get(':id/rejections')
  @RateLimit('query')
  @ApiOperation({
    summary: "A job's rejected rows, in file order, each with every reason",
  })
  @ApiParam({ name: 'id', example: '0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63' })
  @ApiQueryFrom(rejectionsQuerySchema)
  @ApiJson(200, 'A page of rejected rows', rejectionPageSchema, {
    items: [REJECTION_EXAMPLE],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'not-found', 'rate-limited')
  rejections(
    @Param('id') id: string,
    @Query(new ZodPipe(rejectionsQuerySchema)) query: RejectionsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<RejectionView>> {
    return this.jobs.rejections(jobIdOf(id), query, principal);
  }
}
