import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type Principal } from '../auth/account';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ApiJson, ApiProblems } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiBodyFrom, ApiQueryFrom, parsePathId, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  createdInviteSchema,
  createInviteSchema,
  INVITE_EXAMPLE,
  inviteIdSchema,
  invitePageSchema,
  listInvitesQuerySchema,
  type CreatedInvite,
  type CreateInviteBody,
  type InviteView,
  type ListInvitesQuery,
} from './invites.dto';
import { InvitesService } from './invites.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/admin/invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post()
  @RateLimit('query')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Invite someone to register, with the role they will get',
    description:
      'The token is returned once (only its sha256 is stored); the invitee registers with it (`invite` in POST /v1/auth/register), once, before it expires. Refused (409) where REGISTRATION=off.',
  })
  @ApiBodyFrom(createInviteSchema)
  @ApiJson(201, 'The invite, with its token', createdInviteSchema, {
    ...INVITE_EXAMPLE,
    token: 'trb_inv_…',
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'conflict', 'rate-limited')
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(createInviteSchema)) body: CreateInviteBody,
  ): Promise<CreatedInvite> {
    return this.invites.create(principal, body);
  }

  @Get()
  @RateLimit('query')
  @ApiOperation({
    summary: 'Every invite with its state, oldest first (never their tokens)',
  })
  @ApiQueryFrom(listInvitesQuerySchema)
  @ApiJson(200, 'A page of invites', invitePageSchema, {
    items: [INVITE_EXAMPLE],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  list(
    @Query(new ZodPipe(listInvitesQuerySchema)) query: ListInvitesQuery,
  ): Promise<Page<InviteView>> {
    return this.invites.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @RateLimit('query')
  @ApiOperation({
    summary: 'Revoke an invite: it can no longer be used',
    description: 'A used invite cannot be revoked (409): disable the account it created.',
  })
  @ApiParam({ name: 'id', example: INVITE_EXAMPLE.id })
  @ApiProblems(
    'validation-failed',
    'unauthorized',
    'forbidden',
    'not-found',
    'conflict',
    'rate-limited',
  )
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.invites.revoke(principal, parsePathId(inviteIdSchema, id));
  }
}
