import { DATASETS } from '@tributary/contracts';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { z } from 'zod';
import { type Principal } from '../auth/account';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ProblemException } from '../http/problem';
import { ApiJson, ApiProblems } from '../http/openapi';
import { RateLimit } from '../throttling/rate-limit.decorator';
import { FilesService, type UploadedJob, type UploadPart } from './files.service';

const JOB_EXAMPLE = {
  job_id: '0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63',
  dataset: 'energy.usage',
  status: 'queued',
  file_name: 'usage-march.csv',
  object_key:
    'energy.usage/2026-11-22/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.csv',
  checksum_sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  size_bytes: 48213,
  queued_at: '2026-11-22T10:00:00.000Z',
  links: {
    self: '/v1/jobs/0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63',
    rejections: '/v1/jobs/0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63/rejections',
  },
};

const JOBS_SCHEMA = z.object({
  jobs: z.array(
    z.object({
      job_id: z.uuid(),
      dataset: z.string().describe('The dataset, or auto until file-ingest recognises it'),
      status: z.literal('queued'),
      file_name: z.string(),
      object_key: z.string().describe('The raw file in the landing store'),
      checksum_sha256: z.string(),
      size_bytes: z.number().int(),
      queued_at: z.iso.datetime(),
      links: z.object({ self: z.string(), rejections: z.string() }),
    }),
  ),
});

/** The request's parts as the service takes them: fields as text, files as streams. */
async function* partsOf(request: FastifyRequest): AsyncIterable<UploadPart> {
  if (!request.isMultipart())
    throw new ProblemException('unsupported-media-type', 'send files as multipart/form-data');
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      yield { kind: 'field', name: part.fieldname, value: String(part.value) };
    } else {
      yield {
        kind: 'file',
        fieldName: part.fieldname,
        fileName: part.filename,
        contentType: part.mimetype || null,
        stream: part.file,
      };
    }
  }
}

@ApiTags('files and jobs')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(202)
  @RateLimit('ingest')
  @ApiOperation({
    summary: 'Upload files to ingest, one job each',
    description:
      "multipart/form-data, several files per request. Fields apply to the files after them: `dataset` (a dataset name, or `auto`, the default, to recognise it from the columns), `threshold` (kWh above which energy usage raises an alert), `sheet` (XLSX sheet name), `delimiter` (CSV). A file sent under a dataset name as its field (`-F energy.usage=@usage.csv`) is that dataset's. Files are streamed to the landing store, never held in memory; the answer comes once every job is queued on Kafka. Formats: CSV, JSON array, NDJSON, XLSX, each optionally gzip-compressed. Follow each job at `links.self`.",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        dataset: { type: 'string', enum: ['auto', ...DATASETS] },
        threshold: { type: 'string', example: '30' },
        sheet: { type: 'string' },
        delimiter: { type: 'string', enum: [',', ';', '|', 'tab'] },
        file: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiJson(202, 'Every file is landed and its job queued', JOBS_SCHEMA, { jobs: [JOB_EXAMPLE] })
  @ApiProblems(
    'validation-failed',
    'malformed-body',
    'unauthorized',
    'forbidden',
    'payload-too-large',
    'unsupported-media-type',
    'rate-limited',
    'service-unavailable',
  )
  upload(
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ jobs: UploadedJob[] }> {
    return this.files.upload(partsOf(request), principal, String(request.id));
  }
}
