import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { type RecordReadingsReply } from '@tributary/contracts';
import { type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiJson, ApiProblems } from '../http/openapi';
import {
  apiSchema,
  ApiBodyFrom,
  ApiQueryFrom,
  parseOrThrow,
  parsePathId,
  ZodPipe,
} from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  AGGREGATE_EXAMPLE,
  READING_EXAMPLE,
  acceptedSchema,
  aggregatePageSchema,
  aggregatesQuerySchema,
  correctionAcceptedSchema,
  correctionBodySchema,
  listReadingsQuerySchema,
  readingIdParamSchema,
  readingPageSchema,
  readingViewSchema,
  recordReadingsBodySchema,
  sensorIdParamSchema,
  sensorReadingsQuerySchema,
  type AggregatesQuery,
  type AggregateView,
  type CorrectionBody,
  type ListReadingsQuery,
  type ReadingView,
  type SensorReadingsQuery,
} from './readings.dto';
import { ReadingsService, type Page } from './readings.service';

const EXAMPLE_READING = {
  id: 'device-7:000123',
  sensor_id: 'greenhouse-7',
  timestamp: '2026-11-22T10:00:00.000Z',
  temperature: 21.5,
  pressure: 1013.2,
  humidity: 48,
  metrics: { co2_ppm: 612 },
};

const trace = (request: FastifyRequest) => String(request.id);

const sensorReadingPathSchema = z.object({
  sensor_id: sensorIdParamSchema,
  id: readingIdParamSchema,
});
const parseSensorReadingPath = (sensorId: string, id: string) =>
  parseOrThrow(sensorReadingPathSchema, { sensor_id: sensorId, id }, 'path');

/** What both ways of correcting a reading document alike: the body, the answer, the problems. */
const CorrectionDocs = () =>
  applyDecorators(
    ApiBodyFrom(correctionBodySchema, {
      fix: {
        summary: 'A corrected temperature',
        value: { temperature: 20.9, humidity: 48, reason: 'sensor recalibrated' },
      },
    }),
    ApiJson(202, 'The correction is on Kafka', correctionAcceptedSchema),
    ApiProblems(
      'validation-failed',
      'unauthorized',
      'forbidden',
      'not-found',
      'rate-limited',
      'service-unavailable',
    ),
  );

@ApiTags('sensors')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/sensors')
export class ReadingsController {
  constructor(private readonly readings: ReadingsService) {}

  @Post('readings')
  @HttpCode(202)
  @RateLimit('ingest')
  @ApiOperation({
    summary: 'Record one reading or a batch of up to 10,000',
    description:
      'Answers 202 only once Kafka acknowledged every reading. Give each reading an `id` (your idempotency key) to make retries safe: the same `id` for the same sensor is recorded once.',
  })
  @ApiBody({
    schema: apiSchema(recordReadingsBodySchema),
    examples: {
      one: { summary: 'One reading', value: EXAMPLE_READING },
      batch: {
        summary: 'A batch',
        value: {
          readings: [
            EXAMPLE_READING,
            { ...EXAMPLE_READING, id: 'device-7:000124', temperature: 21.7 },
          ],
        },
      },
    },
  })
  @ApiJson(202, 'Every reading is on Kafka', acceptedSchema, { accepted: 1, ids: ['3f1c…'] })
  @ApiProblems(
    'validation-failed',
    'malformed-body',
    'unauthorized',
    'forbidden',
    'payload-too-large',
    'rate-limited',
    'service-unavailable',
  )
  record(@Body() body: unknown, @Req() request: FastifyRequest): Promise<RecordReadingsReply> {
    return this.readings.record(body, trace(request));
  }

  @Get('readings')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Readings, oldest first, filtered',
    description: '`from` is inclusive, `to` exclusive. Each reading shows its latest version.',
  })
  @ApiQueryFrom(listReadingsQuerySchema)
  @ApiJson(200, 'A page of readings', readingPageSchema, {
    items: [READING_EXAMPLE],
    next_cursor: 'eyJrIjp7InQiOjE3NjM4MDU2MDAyNTB9fQ',
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  list(
    @Query(new ZodPipe(listReadingsQuerySchema)) query: ListReadingsQuery,
  ): Promise<Page<ReadingView>> {
    return this.readings.list(query);
  }

  @Get('aggregates')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Hourly or daily count, min, max, avg, p50 and p95 per sensor',
    description:
      'Buckets are UTC; those starting in [from, to) are returned, ordered by sensor then time. Exact under corrections and replays.',
  })
  @ApiQueryFrom(aggregatesQuerySchema)
  @ApiJson(200, 'A page of buckets', aggregatePageSchema, {
    items: [AGGREGATE_EXAMPLE],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  aggregates(
    @Query(new ZodPipe(aggregatesQuerySchema)) query: AggregatesQuery,
  ): Promise<Page<AggregateView>> {
    return this.readings.aggregates(query);
  }

  @Get(':sensorId/readings')
  @RateLimit('query')
  @ApiOperation({ summary: "One sensor's readings, oldest first" })
  @ApiParam({ name: 'sensorId', example: 'greenhouse-7' })
  @ApiQueryFrom(sensorReadingsQuerySchema)
  @ApiJson(200, 'A page of readings', readingPageSchema, {
    items: [READING_EXAMPLE],
    next_cursor: 'eyJrIjp7InQiOjE3NjM4MDU2MDAyNTB9fQ',
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  sensorReadings(
    @Param('sensorId') sensorId: string,
    @Query(new ZodPipe(sensorReadingsQuerySchema)) query: SensorReadingsQuery,
  ): Promise<Page<ReadingView>> {
    const { sensor_id } = parseOrThrow(
      z.object({ sensor_id: sensorIdParamSchema }),
      { sensor_id: sensorId },
      'path',
    );
    return this.readings.list({ ...query, sensor_id });
  }

  @Get(':sensorId/readings/:id')
  @RateLimit('query')
  @ApiOperation({
    summary: 'One reading of a sensor, by your id or ours',
    description:
      'The reading as it stands (its latest version). `id` is the `id` you sent when recording it, or the id it was answered with.',
  })
  @ApiParam({ name: 'sensorId', example: 'greenhouse-7' })
  @ApiParam({ name: 'id', example: 'device-7:000123' })
  @ApiJson(200, 'The reading', readingViewSchema, READING_EXAMPLE)
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'not-found', 'rate-limited')
  one(@Param('sensorId') sensorId: string, @Param('id') id: string): Promise<ReadingView> {
    const path = parseSensorReadingPath(sensorId, id);
    return this.readings.one(path.sensor_id, path.id);
  }

  @Put(':sensorId/readings/:id')
  @HttpCode(202)
  @RateLimit('ingest')
  @ApiOperation({
    summary: 'Correct a reading of a sensor, by your id or ours',
    description:
      'As `PUT /v1/sensors/readings/{id}`, naming the reading by the `id` you sent when recording it (or the id it was answered with).',
  })
  @ApiParam({ name: 'sensorId', example: 'greenhouse-7' })
  @ApiParam({ name: 'id', example: 'device-7:000123' })
  @CorrectionDocs()
  correctOfSensor(
    @Param('sensorId') sensorId: string,
    @Param('id') id: string,
    @Body(new ZodPipe(correctionBodySchema)) body: CorrectionBody,
    @Req() request: FastifyRequest,
  ): Promise<ReadingView> {
    const path = parseSensorReadingPath(sensorId, id);
    return this.readings.correct(path.id, body, trace(request), path.sensor_id);
  }

  @Put('readings/:id')
  @HttpCode(202)
  @RateLimit('ingest')
  @ApiOperation({
    summary: 'Correct a reading',
    description:
      "Replaces the reading's values (a value left out is cleared); its sensor and time do not change. Recorded as a correction event with a higher version: reads and aggregates show it within seconds.",
  })
  @ApiParam({ name: 'id', description: 'The reading id returned when it was recorded' })
  @CorrectionDocs()
  correct(
    @Param('id') id: string,
    @Body(new ZodPipe(correctionBodySchema)) body: CorrectionBody,
    @Req() request: FastifyRequest,
  ): Promise<ReadingView> {
    parsePathId(readingIdParamSchema, id);
    return this.readings.correct(id, body, trace(request));
  }
}
