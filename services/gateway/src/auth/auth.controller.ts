import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems } from '../http/openapi';
import { ApiBodyFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import { type Principal } from './account';
import { CurrentPrincipal, Public } from './auth.guard';
import {
  ACCOUNT_EXAMPLE,
  accountSchema,
  loginSchema,
  refreshSchema,
  registerSchema,
  tokensSchema,
  type AccountView,
  type LoginBody,
  type RefreshBody,
  type RegisterBody,
  type Tokens,
} from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @RateLimit('auth')
  @ApiOperation({ summary: 'Create an account (role analyst)' })
  @ApiBodyFrom(registerSchema)
  @ApiJson(201, 'The new account', accountSchema, ACCOUNT_EXAMPLE)
  @ApiProblems('validation-failed', 'conflict', 'rate-limited')
  register(@Body(new ZodPipe(registerSchema)) body: RegisterBody): Promise<AccountView> {
    return this.auth.register(body);
  }

  @Post('login')
  @Public()
  @RateLimit('auth')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access and a refresh token' })
  @ApiBodyFrom(loginSchema)
  @ApiJson(200, 'Tokens', tokensSchema)
  @ApiProblems('validation-failed', 'unauthorized', 'rate-limited')
  login(@Body(new ZodPipe(loginSchema)) body: LoginBody): Promise<Tokens> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @Public()
  @RateLimit('auth')
  @HttpCode(200)
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

  @Get('me')
  @RateLimit('query')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated account' })
  @ApiJson(200, 'The account', accountSchema, ACCOUNT_EXAMPLE)
  @ApiProblems('unauthorized', 'rate-limited')
  me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.auth.me(principal);
  }
}
