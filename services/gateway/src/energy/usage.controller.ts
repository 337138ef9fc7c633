import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiQueryFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  listUsageQuerySchema,
  usagePageSchema,
  type ListUsageQuery,
  type UsageView,
} from './usage.dto';
import { UsageService } from './usage.service';

@ApiTags('energy')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/energy')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('usage')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Energy usage per user and day or month',
    description:
      'Sums the uploaded usage records per user and calendar day or month, ordered by user then period. Filter by user and by day (`from` inclusive, `to` exclusive). Records whose usage could not be read were rejected at ingest and are not counted; negative values are counted as they are (the quality report lists them).',
  })
  @ApiQueryFrom(listUsageQuerySchema)
  @ApiJson(200, 'A page of usage per period', usagePageSchema, {
    items: [
      { user_id: 'u-00001', period: '2031-03', usage_kwh: 612.45, records: 29 },
      { user_id: 'u-00002', period: '2031-03', usage_kwh: 587.1, records: 31 },
    ],
    next_cursor: 'eyJrIjp7InVzZXJJZCI6InUtMDAwMDIiLCJwZXJpb2QiOiIyMDMxLTAzIn0sImYiOiJ4In0',
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  list(@Query(new ZodPipe(listUsageQuerySchema)) query: ListUsageQuery): Promise<Page<UsageView>> {
    return this.usage.list(query);
  }
}
