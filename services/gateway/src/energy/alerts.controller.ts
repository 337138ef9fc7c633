import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems } from '../http/openapi';
import { ApiQueryFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  alertPageSchema,
  listAlertsQuerySchema,
  type AlertView,
  type ListAlertsQuery,
} from './alerts.dto';
import { AlertsService, type Page } from './alerts.service';

@ApiTags('energy')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/energy')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get('alerts')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Days whose usage exceeded the threshold of their upload, newest first',
    description:
      'An energy upload raises an alert for every day above its `threshold` (or the configured default). Filter by user, by the upload’s job, or by day (`from` inclusive, `to` exclusive).',
  })
  @ApiQueryFrom(listAlertsQuerySchema)
  @ApiJson(200, 'A page of alerts', alertPageSchema, {
    items: [
      {
        alert_id: '3b0c5e9e-2f4a-5d8e-9c1b-7a6d5e4f3c2b',
        user_id: 'u-00001',
        date: '2026-10-03',
        usage_kwh: 41.2,
        threshold_kwh: 30,
        excess_kwh: 11.2,
        usage_event_id: '9d2e1c0b-8a7f-5e6d-4c3b-2a1f0e9d8c7b',
        job_id: '0b8e3c1a-7f52-4d0e-9a41-5c2f7d9e1b63',
        raised_at: '2026-11-22T10:00:02.000Z',
      },
    ],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  list(
    @Query(new ZodPipe(listAlertsQuerySchema)) query: ListAlertsQuery,
  ): Promise<Page<AlertView>> {
    return this.alerts.list(query);
  }
}
