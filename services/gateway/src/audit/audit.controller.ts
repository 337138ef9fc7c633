import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems } from '../http/openapi';
import { type Page } from '../http/page';
import { cursorKey, pageOf, stringKey } from '../http/query-params';
import { ApiQueryFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import { Inject } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog } from './audit-log';
import {
  AUDIT_EXAMPLE,
  auditPageSchema,
  auditQuerySchema,
  type AuditEventView,
  type AuditQuery,
} from './audit.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  @Get()
  @RateLimit('query')
  @ApiOperation({
    summary: 'The audit log, newest first',
    description:
      'Sign-ins and their failures (with the address tried and the client address), logouts, password changes, API keys issued and revoked, role changes, disabled and enabled accounts.',
  })
  @ApiQueryFrom(auditQuerySchema)
  @ApiJson(200, 'A page of events', auditPageSchema, { items: [AUDIT_EXAMPLE], next_cursor: null })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  async list(
    @Query(new ZodPipe(auditQuerySchema)) query: AuditQuery,
  ): Promise<Page<AuditEventView>> {
    const { limit = 100, cursor, ...filters } = query;
    const before = cursorKey(cursor, filters, stringKey<{ id: string }>('id'));
    const rows = await this.audit.list(
      {
        ...(filters.action ? { action: filters.action } : {}),
        ...(filters.account_id ? { accountId: filters.account_id } : {}),
        ...(filters.from ? { from: new Date(filters.from) } : {}),
        ...(filters.to ? { to: new Date(filters.to) } : {}),
      },
      before?.id ?? null,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ id: row.id }),
      (row) => ({
        id: row.id,
        at: row.at.toISOString(),
        action: row.action,
        actor_account_id: row.actorAccountId,
        actor_api_key_id: row.actorApiKeyId,
        subject_account_id: row.subjectAccountId,
        email: row.email,
        client_ip: row.clientIp,
        detail: row.detail,
      }),
    );
  }
}
