import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type Principal } from '../auth/account';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ApiJson, ApiProblems } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiBodyFrom, ApiQueryFrom, parsePathId, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  ACCOUNT_EXAMPLE,
  accountIdSchema,
  ACTIVITY_EXAMPLE,
  activityQuerySchema,
  activitySchema,
  adminAccountPageSchema,
  adminAccountViewSchema,
  listAccountsQuerySchema,
  setRoleSchema,
  updateAccountSchema,
  type ActivityQuery,
  type ActivityView,
  type AdminAccountView,
  type ListAccountsQuery,
  type SetRoleBody,
  type UpdateAccountBody,
} from './admin.dto';
import { AdminService } from './admin.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('accounts')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Every account with its role, oldest first',
    description: 'API keys are listed and revoked at /v1/api-keys.',
  })
  @ApiQueryFrom(listAccountsQuerySchema)
  @ApiJson(200, 'A page of accounts', adminAccountPageSchema, {
    items: [ACCOUNT_EXAMPLE],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  accounts(
    @Query(new ZodPipe(listAccountsQuerySchema)) query: ListAccountsQuery,
  ): Promise<Page<AdminAccountView>> {
    return this.admin.accounts(query);
  }

  @Put('accounts/:id/role')
  @RateLimit('query')
  @ApiOperation({
    summary: "Change an account's role (deprecated: PATCH /v1/admin/accounts/{id})",
    description:
      "Not your own account. It applies at once: every request reads the account's role from the account store. The same as `PATCH /v1/admin/accounts/{id}` with a role alone, which the console now sends; this route will be removed.",
    deprecated: true,
  })
  @ApiParam({ name: 'id', example: ACCOUNT_EXAMPLE.id })
  @ApiBodyFrom(setRoleSchema)
  @ApiJson(200, 'The account with its new role', adminAccountViewSchema, ACCOUNT_EXAMPLE)
  @ApiProblems(
    'validation-failed',
    'unauthorized',
    'forbidden',
    'not-found',
    'conflict',
    'rate-limited',
  )
  setRole(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodPipe(setRoleSchema)) body: SetRoleBody,
  ): Promise<AdminAccountView> {
    return this.admin.setRole(principal, parsePathId(accountIdSchema, id), body);
  }

  @Patch('accounts/:id')
  @RateLimit('query')
  @ApiOperation({
    summary: "Change an account's role, or disable or enable it",
    description:
      'Not your own account. Both take effect at once: every request reads the role and the state from the account store (API keys within 10 s).',
  })
  @ApiParam({ name: 'id', example: ACCOUNT_EXAMPLE.id })
  @ApiBodyFrom(updateAccountSchema)
  @ApiJson(200, 'The account as it is now', adminAccountViewSchema, ACCOUNT_EXAMPLE)
  @ApiProblems(
    'validation-failed',
    'unauthorized',
    'forbidden',
    'not-found',
    'conflict',
    'rate-limited',
  )
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodPipe(updateAccountSchema)) body: UpdateAccountBody,
  ): Promise<AdminAccountView> {
    return this.admin.update(principal, parsePathId(accountIdSchema, id), body);
  }

  @Get('ingest-activity')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Who ingested what: jobs, rows and bytes per submitter and source',
    description:
      'Over the last `days` (default 7), from the ingest jobs; uploads are named by account or API key, inbox and SFTP files have no submitter.',
  })
  @ApiQueryFrom(activityQuerySchema)
  @ApiJson(200, 'Activity per submitter and source', activitySchema, {
    since: '2026-11-15T10:00:00.000Z',
    items: [ACTIVITY_EXAMPLE],
    next_cursor: null,
  })
  @ApiProblems(
    'validation-failed',
    'unauthorized',
    'forbidden',
    'rate-limited',
    'service-unavailable',
  )
  activity(
    @Query(new ZodPipe(activityQuerySchema)) query: ActivityQuery,
  ): Promise<{ since: string; items: ActivityView[]; next_cursor: null }> {
    return this.admin.activity(query);
  }
}
