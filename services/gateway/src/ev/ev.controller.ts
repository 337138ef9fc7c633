import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type Principal } from '../auth/account';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ApiJson, ApiProblems, READ_PROBLEMS } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiQueryFrom, parsePathId, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  chargerIdPathSchema,
  chargerPageSchema,
  listChargersQuerySchema,
  listTransactionsQuerySchema,
  listUsersQuerySchema,
  transactionPageSchema,
  usageAnalyticsQuerySchema,
  usageAnalyticsSchema,
  userPageSchema,
  type ChargerView,
  type ListChargersQuery,
  type ListTransactionsQuery,
  type ListUsersQuery,
  type TransactionView,
  type UsageAnalytics,
  type UsageAnalyticsQuery,
  type UserView,
} from './ev.dto';
import {
  assertMayFilter,
  maskRecord,
  readsPersonalData,
  visibleRecords,
} from '../privacy/personal-data';
import { EvService } from './ev.service';

// Sessions 08:05–09:20 and 08:40–09:00 on one day: busy 08:05–09:20 (overlap counted once).
const hourExample = (hour: number) => ({
  hour,
  sessions: hour === 8 ? 2 : 0,
  energy_kwh: hour === 8 ? 61.3 : 0,
  busy_minutes: hour === 8 ? 55 : hour === 9 ? 20 : 0,
  utilisation: hour === 8 ? 0.9167 : hour === 9 ? 0.3333 : 0,
});

@ApiTags('ev')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/ev')
export class EvController {
  constructor(private readonly ev: EvService) {}

  @Get('users')
  @RateLimit('query')
  @ApiOperation({
    summary: 'EV users, by user id',
    description:
      'From the directory. `first_name`, `last_name` and `email` match a **prefix, case-insensitively** (`gr` finds Grace and GRETA; `%` and `_` are plain characters); `user_id` matches exactly. Filters combine with AND.',
  })
  @ApiQueryFrom(listUsersQuerySchema)
  @ApiJson(200, 'A page of users', userPageSchema, {
    items: [
      {
        user_id: 'u-00001',
        first_name: 'Grace',
        last_name: 'Müller',
        email: 'grace.muller.1@example.com',
        phone: '+351 912345678',
        signup_date: '2029-05-17',
      },
    ],
    next_cursor: null,
  })
  @ApiProblems(...READ_PROBLEMS)
  async users(
    @Query(new ZodPipe(listUsersQuerySchema)) query: ListUsersQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<UserView>> {
    assertMayFilter(principal, 'ev.users', query);
    const page = await this.ev.users(query);
    return { ...page, items: visibleRecords(principal, 'ev.users', page.items) };
  }

  @Get('chargers')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Chargers, by charger id',
    description:
      'From the directory. `city` matches the whole city name, case-insensitively (`kraków` finds Kraków, `Krak` finds nothing).',
  })
  @ApiQueryFrom(listChargersQuerySchema)
  @ApiJson(200, 'A page of chargers', chargerPageSchema, {
    items: [
      {
        charger_id: 'ch-00001',
        name: 'Kraków P1',
        city: 'Kraków',
        address: '12 Station Road',
        latitude: 50.06143,
        longitude: 19.93658,
        power_kw: 150,
        connector_type: 'CCS2',
      },
    ],
    next_cursor: null,
  })
  @ApiProblems(...READ_PROBLEMS)
  chargers(
    @Query(new ZodPipe(listChargersQuerySchema)) query: ListChargersQuery,
  ): Promise<Page<ChargerView>> {
    return this.ev.chargers(query);
  }

  @Get('chargers/:id/usage-analytics')
  @RateLimit('query')
  @ApiOperation({
    summary: "One charger's sessions in a window: counts, energy, revenue, durations, utilisation",
    description:
      'Sessions are those that **started** in `[from, to)` (instants, `to` exclusive; start times are kept to the second). ' +
      'Hours and weekdays are UTC. `by_hour_of_day[h].sessions`/`energy_kwh` count the sessions that started in hour h; ' +
      '`busy_minutes` is the time of hour h (over every day of the window) during which at least one session was in progress — a session running across hours is split between them, overlapping sessions count once, and a session still running at `to` is counted up to `to`; ' +
      '`utilisation` = busy time ÷ the time of hour h inside the window (null if the window holds none of it). ' +
      'Sessions without an end_time (or ending before they start) count as sessions but not in durations or utilisation. ' +
      'Revenue is the exact sum of `cost` per currency, as a string with 4 decimals. ' +
      '404 when the charger is neither in the directory nor in any session.',
  })
  @ApiParam({ name: 'id', description: 'The charger', example: 'ch-00001' })
  @ApiQueryFrom(usageAnalyticsQuerySchema)
  @ApiJson(200, "The charger's usage in the window", usageAnalyticsSchema, {
    charger_id: 'ch-00001',
    from: '2031-03-03T00:00:00.000Z',
    to: '2031-03-04T00:00:00.000Z',
    sessions: 2,
    energy_kwh: 61.3,
    revenue: [{ currency: 'EUR', amount: '27.5800' }],
    duration_minutes: { sessions: 2, average: 47.5, median: 47.5 },
    by_hour_of_day: Array.from({ length: 24 }, (_, hour) => hourExample(hour)),
    by_weekday: Array.from({ length: 7 }, (_, i) => ({
      weekday: i + 1,
      sessions: i === 0 ? 2 : 0,
      energy_kwh: i === 0 ? 61.3 : 0,
    })),
    first_session_at: '2031-03-03T08:05:00.000Z',
    last_session_at: '2031-03-03T08:40:00.000Z',
  })
  @ApiProblems(...READ_PROBLEMS, 'not-found')
  usageAnalytics(
    @Param('id') id: string,
    @Query(new ZodPipe(usageAnalyticsQuerySchema)) query: UsageAnalyticsQuery,
  ): Promise<UsageAnalytics> {
    const chargerId = parsePathId(chargerIdPathSchema, id);
    return this.ev.usageAnalytics(chargerId, query);
  }

  @Get('transactions')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Charging sessions with their user and charger, newest first',
    description:
      'Each session with its user (`first_name`, `last_name`, `email`) and charger (`name`, `city`) as they are now; `user` or `charger` is null when the session references one the directory does not know (an orphan). ' +
      '`from`/`to` bound the start time (`to` exclusive), `energy_min`/`energy_max` the energy (both inclusive), `city` the charger’s city (whole name, case-insensitive). ' +
      'Ordered by start time then `event_id`, both descending.',
  })
  @ApiQueryFrom(listTransactionsQuerySchema)
  @ApiJson(200, 'A page of sessions', transactionPageSchema, {
    items: [
      {
        event_id: '5f0c2a9e-3b1d-5e7f-8a6c-4d2b1e0f9a8c',
        transaction_id: 'tx-0000042',
        user_id: 'u-00001',
        charger_id: 'ch-00001',
        start_time: '2031-03-03T08:05:00.000Z',
        end_time: '2031-03-03T09:20:00.000Z',
        energy_kwh: 41.5,
        cost: '18.6800',
        currency: 'EUR',
        user: { first_name: 'Grace', last_name: 'Müller', email: 'grace.muller.1@example.com' },
        charger: { name: 'Kraków P1', city: 'Kraków' },
      },
      {
        event_id: '0e9d8c7b-6a5f-5e4d-3c2b-1a0f9e8d7c6b',
        transaction_id: 'tx-0000041',
        user_id: 'u-99999',
        charger_id: 'ch-00002',
        start_time: '2031-03-03T07:55:00.000Z',
        end_time: null,
        energy_kwh: 12.25,
        cost: null,
        currency: null,
        user: null,
        charger: { name: 'Porto P2', city: 'Porto' },
      },
    ],
    next_cursor: 'eyJrIjp7InN0YXJ0VGltZSI6IjIwMzEtMDMtMDNUMDc6NTU6MDAuMDAwWiJ9fQ',
  })
  @ApiProblems(...READ_PROBLEMS)
  async transactions(
    @Query(new ZodPipe(listTransactionsQuerySchema)) query: ListTransactionsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<TransactionView>> {
    const page = await this.ev.transactions(query);
    if (readsPersonalData(principal)) return page;
    return {
      ...page,
      items: page.items.map((t) => ({
        ...t,
        user: t.user && maskRecord('ev.users', t.user),
      })),
    };
  }
}
