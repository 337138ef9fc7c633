import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiJson, ApiProblems } from '../http/openapi';
import { ApiBodyFrom, parsePathId, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import { type Principal } from './account';
import {
  API_KEY_EXAMPLE,
  apiKeyPageSchema,
  createApiKeySchema,
  issuedApiKeySchema,
  type ApiKeyView,
  type CreateApiKeyBody,
  type IssuedApiKey,
} from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './auth.guard';

@ApiTags('auth')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RateLimit('query')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Issue an API key for a machine',
    description:
      'A signed-in person only (an API key never manages keys). The key is returned once; only its sha256 is stored. Send it as `Authorization: ApiKey <key>` or `X-API-Key`. It has the scopes given (within its role, yours by default; never more than your role grants when it is used), optionally only for some datasets, until it expires or is revoked.',
  })
  @ApiBodyFrom(createApiKeySchema)
  @ApiJson(201, 'The new key, with its secret', issuedApiKeySchema)
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'conflict', 'rate-limited')
  issue(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(createApiKeySchema)) body: CreateApiKeyBody,
  ): Promise<IssuedApiKey> {
    return this.keys.issue(principal, body);
  }

  @Get()
  @RateLimit('query')
  @ApiOperation({ summary: 'Your API keys (never their secrets); a signed-in person only' })
  @ApiJson(200, 'Your keys, oldest first', apiKeyPageSchema, {
    items: [API_KEY_EXAMPLE],
    next_cursor: null,
  })
  @ApiProblems('unauthorized', 'forbidden', 'rate-limited')
  list(
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: ApiKeyView[]; next_cursor: null }> {
    return this.keys.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @RateLimit('query')
  @ApiOperation({
    summary: 'Revoke an API key (yours, or any as admin); a signed-in person only',
  })
  @ApiParam({ name: 'id', description: 'The key id' })
  @ApiProblems('unauthorized', 'forbidden', 'not-found', 'rate-limited')
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    parsePathId(z.uuid('must be a key id (UUID)'), id);
    await this.keys.revoke(principal, id);
  }
}
