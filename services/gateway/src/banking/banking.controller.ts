import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type Principal } from '../auth/account';
import { CurrentPrincipal } from '../auth/auth.guard';
import { ApiJson, ApiProblems, READ_PROBLEMS } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiQueryFrom, parsePathId, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  clientIdPathSchema,
  clientPageSchema,
  dailyRollupPageSchema,
  listClientsQuerySchema,
  listRollupQuerySchema,
  listTransactionsQuerySchema,
  monthlyRollupPageSchema,
  transactionPageSchema,
  type ClientView,
  type DailyRollupView,
  type ListClientsQuery,
  type ListRollupQuery,
  type ListTransactionsQuery,
  type MonthlyRollupView,
  type TransactionPage,
} from './banking.dto';
import { assertMayFilter, visibleRecords } from '../privacy/personal-data';
import { BankingService } from './banking.service';

@ApiTags('banking')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/banking')
export class BankingController {
  constructor(private readonly banking: BankingService) {}

  @Get('clients')
  @RateLimit('banking')
  @ApiOperation({
    summary: 'Bank clients, by id',
    description:
      '`client_id`, `name` and `email` match a prefix, case-insensitively (Postgres `lower()` on both sides, accented letters included); `%`, `_` and `\\` are plain characters. `country` is a two-letter ISO code, matched exactly (case-insensitive in the query). Filters combine with AND. Ordered by `client_id`.',
  })
  @ApiQueryFrom(listClientsQuerySchema)
  @ApiJson(200, 'A page of clients', clientPageSchema, {
    items: [
      {
        client_id: 'c-00001',
        name: 'Grace Müller',
        email: 'client1@example.com',
        country: 'PT',
        created_at: '2026-01-15T00:00:00.000Z',
      },
    ],
    next_cursor: 'eyJrIjp7ImNsaWVudElkIjoiYy0wMDAwMSJ9LCJmIjoiYWJjIn0',
  })
  @ApiProblems(...READ_PROBLEMS)
  async clients(
    @Query(new ZodPipe(listClientsQuerySchema)) query: ListClientsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<ClientView>> {
    assertMayFilter(principal, 'banking.clients', query);
    const page = await this.banking.clients(query);
    return { ...page, items: visibleRecords(principal, 'banking.clients', page.items) };
  }

  @Get('clients/:id/transactions')
  @RateLimit('banking')
  @ApiOperation({
    summary: "A client's transactions between two days, oldest first, with totals per currency",
    description:
      '`start_date` and `end_date` are UTC days, both inclusive. `type` is one of the contract’s transaction types. Ordered by booking time (then an internal id). ' +
      '`amount` is exact, a string with 4 decimals, signed as the source booked it. `totals` covers the whole filtered range, not the page, per currency: ' +
      '`credits` = Σ|amount| of deposits and interest, `debits` = Σ|amount| of withdrawals, transfers, payments and fees, `amount` = credits − debits (sources sign amounts differently, so the direction comes from the type). ' +
      '404 when the client is neither in the directory nor in any transaction; a known client with nothing in the range gets empty `items` and `totals`.',
  })
  @ApiParam({ name: 'id', description: 'The client', example: 'c-00001' })
  @ApiQueryFrom(listTransactionsQuerySchema)
  @ApiJson(
    200,
    "A page of the client's transactions, and the totals of the range",
    transactionPageSchema,
    {
      items: [
        {
          transaction_id: 'bt-0000001',
          client_id: 'c-00001',
          transaction_type: 'deposit',
          direction: 'credit',
          transaction_date: '2031-03-03T00:00:00Z',
          amount: '1234.5600',
          currency: 'EUR',
        },
        {
          transaction_id: 'bt-0000007',
          client_id: 'c-00001',
          transaction_type: 'withdrawal',
          direction: 'debit',
          transaction_date: '2031-03-04T00:00:00Z',
          amount: '-200.0000',
          currency: 'EUR',
        },
      ],
      next_cursor: null,
      totals: [
        {
          currency: 'EUR',
          count: 2,
          credits: '1234.5600',
          debits: '200.0000',
          amount: '1034.5600',
        },
      ],
    },
  )
  @ApiProblems(...READ_PROBLEMS, 'not-found')
  transactions(
    @Param('id') id: string,
    @Query(new ZodPipe(listTransactionsQuerySchema)) query: ListTransactionsQuery,
  ): Promise<TransactionPage> {
    const clientId = parsePathId(clientIdPathSchema, id);
    return this.banking.transactions(clientId, query);
  }

  @Get('clients/:id/transactions/daily')
  @RateLimit('banking')
  @ApiOperation({
    summary: "A client's transactions summed per UTC day and currency, oldest first",
    description:
      'From the `banking_daily` rollup. `start_date` and `end_date` are UTC days, both inclusive; `type` and `currency` filter. One item per day and currency that has transactions, ordered by `(date, currency)`. ' +
      '`transactions` counts them; `credits`, `debits` and `amount` are exact strings with 4 decimals, defined as the transactions route’s `totals`: ' +
      '`credits` = Σ|amount| of deposits and interest, `debits` = Σ|amount| of withdrawals, transfers, payments and fees, `amount` = credits − debits. ' +
      '404 when the client is neither in the directory nor in any transaction; a known client with nothing in the range gets empty `items`.',
  })
  @ApiParam({ name: 'id', description: 'The client', example: 'c-00001' })
  @ApiQueryFrom(listRollupQuerySchema)
  @ApiJson(200, "A page of the client's daily sums per currency", dailyRollupPageSchema, {
    items: [
      {
        date: '2031-03-03',
        currency: 'EUR',
        transactions: 2,
        credits: '1234.5600',
        debits: '200.0000',
        amount: '1034.5600',
      },
      {
        date: '2031-03-04',
        currency: 'EUR',
        transactions: 1,
        credits: '0.0000',
        debits: '1.5000',
        amount: '-1.5000',
      },
    ],
    next_cursor: null,
  })
  @ApiProblems(...READ_PROBLEMS, 'not-found')
  daily(
    @Param('id') id: string,
    @Query(new ZodPipe(listRollupQuerySchema)) query: ListRollupQuery,
  ): Promise<Page<DailyRollupView>> {
    const clientId = parsePathId(clientIdPathSchema, id);
    return this.banking.daily(clientId, query);
  }

  @Get('clients/:id/transactions/monthly')
  @RateLimit('banking')
  @ApiOperation({
    summary: "A client's transactions summed per UTC calendar month and currency, oldest first",
    description:
      'From the `banking_monthly` rollup. `start_date` and `end_date` are UTC days, both inclusive, and select the whole months they fall in (`2031-03-15` to `2031-04-02` gives March and April); `type` and `currency` filter. One item per month (`2031-03`) and currency that has transactions, ordered by `(month, currency)`. ' +
      '`transactions` counts them; `credits`, `debits` and `amount` are exact strings with 4 decimals, defined as the transactions route’s `totals`: ' +
      '`credits` = Σ|amount| of deposits and interest, `debits` = Σ|amount| of withdrawals, transfers, payments and fees, `amount` = credits − debits. ' +
      '404 when the client is neither in the directory nor in any transaction; a known client with nothing in the range gets empty `items`.',
  })
  @ApiParam({ name: 'id', description: 'The client', example: 'c-00001' })
  @ApiQueryFrom(listRollupQuerySchema)
  @ApiJson(200, "A page of the client's monthly sums per currency", monthlyRollupPageSchema, {
    items: [
      {
        month: '2031-03',
        currency: 'EUR',
        transactions: 3,
        credits: '1234.5600',
        debits: '201.5000',
        amount: '1033.0600',
      },
      {
        month: '2031-03',
        currency: 'USD',
        transactions: 1,
        credits: '12.0000',
        debits: '0.0000',
        amount: '12.0000',
      },
    ],
    next_cursor: 'eyJrIjp7InBlcmlvZCI6IjIwMzEtMDMtMDEiLCJjdXJyZW5jeSI6IlVTRCJ9LCJmIjoiYWJjIn0',
  })
  @ApiProblems(...READ_PROBLEMS, 'not-found')
  monthly(
    @Param('id') id: string,
    @Query(new ZodPipe(listRollupQuerySchema)) query: ListRollupQuery,
  ): Promise<Page<MonthlyRollupView>> {
    const clientId = parsePathId(clientIdPathSchema, id);
    return this.banking.monthly(clientId, query);
  }
}
