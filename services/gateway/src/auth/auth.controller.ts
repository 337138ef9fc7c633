import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Patch,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems } from '../http/openapi';
import { ApiBodyFrom, ZodPipe } from '../http/validation';
import { clientIp } from '../throttling/client-ip';
import { RateLimit } from '../throttling/rate-limit.decorator';
import { TRUSTED_PROXY_HOPS } from '../throttling/client-ip';
import { type Principal } from './account';
import { CurrentPrincipal } from './auth.guard';
import {
  ACCOUNT_EXAMPLE,
  accountSchema,
  loginSchema,
  refreshSchema,
  registerSchema,
  registrationAcceptedSchema,
  tokensSchema,
  updateMeSchema,
  type AccountView,
  type LoginBody,
  type RefreshBody,
  type RegisterBody,
  type RegistrationAccepted,
  type Tokens,
  type UpdateMeBody,
} from './auth.dto';
import { AuthService, REGISTRATION_ACCEPTED } from './auth.service';
import { JsonOnlyGuard } from './json-only.guard';

@ApiTags('auth')
@Controller('v1/auth')
@UseGuards(JsonOnlyGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(TRUSTED_PROXY_HOPS) private readonly hops: number,
  ) {}

  @Post('register')
  @RateLimit('auth')
  @HttpCode(202)
  @ApiOperation({
    summary: "Create an account (role analyst, or the invite's)",
    description:
      "Where REGISTRATION=open, or with an administrator's invite where REGISTRATION=invite-only (forbidden where it is off). The answer is the same whether the address was new or already had an account, and whether the invite was valid or not, so it tells nobody who has an account or which invites exist. An invite is spent by the first registration that presents it. The password: at least 12 characters, at least 5 different ones, not a common password, not the e-mail address.",
  })
  @ApiBodyFrom(registerSchema)
  @ApiJson(202, 'Accepted', registrationAcceptedSchema, REGISTRATION_ACCEPTED)
  @ApiProblems('validation-failed', 'forbidden', 'unsupported-media-type', 'rate-limited')
  register(@Body(new ZodPipe(registerSchema)) body: RegisterBody): Promise<RegistrationAccepted> {
    return this.auth.register(body);
  }

  @Post('login')
  @RateLimit('auth')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange email and password for an access and a refresh token' })
  @ApiBodyFrom(loginSchema)
  @ApiJson(200, 'Tokens', tokensSchema)
  @ApiProblems('validation-failed', 'unauthorized', 'unsupported-media-type', 'rate-limited')
  login(
    @Body(new ZodPipe(loginSchema)) body: LoginBody,
    @Req() request: { socket?: { remoteAddress?: string }; headers: Record<string, unknown> },
  ): Promise<Tokens> {
    const forwarded = request.headers['x-forwarded-for'] as string | string[] | undefined;
    return this.auth.login(body, clientIp(request.socket?.remoteAddress, forwarded, this.hops));
  }

  @Post('refresh')
  @RateLimit('auth')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Each refresh token works once. Presenting a spent one again revokes every token issued from the same login.',
  })
  @ApiBodyFrom(refreshSchema)
  @ApiJson(200, 'Tokens', tokensSchema)
  @ApiProblems('validation-failed', 'unauthorized', 'rate-limited')
  refresh(@Body(new ZodPipe(refreshSchema)) body: RefreshBody): Promise<Tokens> {
    return this.auth.refresh(body.refresh_token);
  }

  @Post('logout')
  @RateLimit('auth')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End this sign-in',
    description:
      'Revokes the refresh tokens of this sign-in and every access token issued from it (this one included), at once. A person only: API keys are revoked at /v1/api-keys.',
  })
  @ApiProblems('unauthorized', 'forbidden', 'rate-limited')
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @RateLimit('query')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The signed-in account',
    description: 'A person only: an API key cannot read its account.',
  })
  @ApiJson(200, 'The account', accountSchema, ACCOUNT_EXAMPLE)
  @ApiProblems('unauthorized', 'forbidden', 'rate-limited')
  me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.auth.me(principal);
  }

  @Patch('me')
  @RateLimit('auth')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your password',
    description:
      'Needs the current password. Nobody changes their own role (an admin does, at /v1/admin/accounts).',
  })
  @ApiBodyFrom(updateMeSchema)
  @ApiJson(200, 'The account', accountSchema, ACCOUNT_EXAMPLE)
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  updateMe(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(updateMeSchema)) body: UpdateMeBody,
  ): Promise<AccountView> {
    return this.auth.updateMe(principal, body);
  }
}
