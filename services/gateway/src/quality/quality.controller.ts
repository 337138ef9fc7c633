import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type Principal } from '../auth/account';
import { assertDatasetAllowed } from '../auth/api-key';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ApiJson, ApiProblems } from '../http/openapi';
import { ApiQueryFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import { DATASETS } from '@tributary/contracts';
import {
  QUALITY_REPORT_EXAMPLE,
  qualityQuerySchema,
  qualityReportSchema,
  type QualityQuery,
  type QualityReport,
} from './quality.dto';
import { QualityService } from './quality.service';
import { visibleQualityReport } from './quality.visibility';

@ApiTags('quality')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/quality')
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  @Get(':dataset')
  @RateLimit('query')
  @ApiOperation({
    summary: "A dataset's data-quality report",
    description:
      "Computed in ClickHouse over the dataset's accepted rows (read FINAL): per-field null and empty-string rates and distinct counts; keys occurring more than once; values breaking the dataset's range rules; references to nothing; outliers by Tukey's rule (outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR], Q1 and Q3 the values at 0-based indexes floor(0.25·n) and floor(0.75·n) of the n non-null values sorted); and the rows ingest rejected, grouped by reason. Needs read:quality; without read:personal, personal fields in examples and rejected rows' raw text are masked.",
  })
  @ApiParam({ name: 'dataset', enum: DATASETS, example: 'ev.transactions' })
  @ApiQueryFrom(qualityQuerySchema)
  @ApiJson(200, 'The report', qualityReportSchema, QUALITY_REPORT_EXAMPLE)
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'not-found', 'rate-limited')
  async report(
    @Param('dataset') dataset: string,
    @Query(new ZodPipe(qualityQuerySchema)) query: QualityQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<QualityReport> {
    assertDatasetAllowed(principal, dataset);
    return visibleQualityReport(principal, await this.quality.report(dataset, query));
  }
}
