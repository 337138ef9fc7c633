import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiQueryFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  categorySalesPageSchema,
  categorySalesQuerySchema,
  dailySalesPageSchema,
  listSalesQuerySchema,
  productDailySalesPageSchema,
  salePageSchema,
  salesRollupQuerySchema,
  type CategorySalesQuery,
  type CategorySalesView,
  type DailySalesView,
  type ListSalesQuery,
  type ProductDailySalesView,
  type SalesRollupQuery,
  type SaleView,
} from './retail.dto';
import { RetailService } from './retail.service';

const AMOUNTS =
  'Amounts are exact decimal strings with 4 places. Every accepted row counts as it is: a sale id repeated in a file is two sales, negative quantities and amounts are summed with their sign (the quality report lists both).';

@ApiTags('retail')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/retail/sales')
export class SalesController {
  constructor(private readonly retail: RetailService) {}

  @Get()
  @RateLimit('query')
  @ApiOperation({
    summary: 'Sales, oldest day first',
    description: `Sale rows ordered by (sale_date, product_id) ascending, the table's own order. Filter by one \`date\`, or a range (\`from\` inclusive, \`to\` exclusive), by product, or by category (the product's current category). \`category\` is null for a sale of an unknown product. ${AMOUNTS}`,
  })
  @ApiQueryFrom(listSalesQuerySchema)
  @ApiJson(200, 'A page of sales', salePageSchema, {
    items: [
      {
        sale_id: 's-0000001',
        product_id: 'p-00003',
        quantity: 2,
        amount: '25.8000',
        sale_date: '2031-03-03',
        category: 'Bakery',
      },
      {
        sale_id: 's-0000017',
        product_id: 'p-99999',
        quantity: 1,
        amount: '4.1000',
        sale_date: '2031-03-03',
        category: null,
      },
    ],
    next_cursor: 'eyJrIjp7ImRhdGUiOiIyMDMxLTAzLTAzIn0sImYiOiJ4In0',
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  list(@Query(new ZodPipe(listSalesQuerySchema)) query: ListSalesQuery): Promise<Page<SaleView>> {
    return this.retail.listSales(query);
  }

  @Get('daily-count')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Sales per day',
    description: `Per day with sales, oldest first: the number of sale rows, total quantity and total amount. Same filters as the sales list (range, product, category). ${AMOUNTS}`,
  })
  @ApiQueryFrom(salesRollupQuerySchema)
  @ApiJson(200, 'A page of days', dailySalesPageSchema, {
    items: [
      { date: '2031-03-03', sales: 4, quantity: 9, amount: '118.4500' },
      { date: '2031-03-04', sales: 2, quantity: 3, amount: '40.2000' },
    ],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  daily(
    @Query(new ZodPipe(salesRollupQuerySchema)) query: SalesRollupQuery,
  ): Promise<Page<DailySalesView>> {
    return this.retail.daily(query);
  }

  @Get('product-daily-count')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Sales per day and product',
    description: `Per (day, product) with sales, ordered by day then product id: sale rows, total quantity and total amount. Same filters as the sales list. ${AMOUNTS}`,
  })
  @ApiQueryFrom(salesRollupQuerySchema)
  @ApiJson(200, 'A page of (day, product) totals', productDailySalesPageSchema, {
    items: [
      { date: '2031-03-03', product_id: 'p-00003', sales: 2, quantity: 5, amount: '64.5000' },
      { date: '2031-03-03', product_id: 'p-00007', sales: 1, quantity: 1, amount: '9.9900' },
    ],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  productDaily(
    @Query(new ZodPipe(salesRollupQuerySchema)) query: SalesRollupQuery,
  ): Promise<Page<ProductDailySalesView>> {
    return this.retail.productDaily(query);
  }

  @Get('category-sales')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Sales per category',
    description: `Per category (the products' current category), in byte order, over the days \`from\` (inclusive) to \`to\` (exclusive): sale rows, total quantity and total amount. Sales of unknown products are grouped last, under \`category: null\`. ${AMOUNTS}`,
  })
  @ApiQueryFrom(categorySalesQuerySchema)
  @ApiJson(200, 'A page of categories', categorySalesPageSchema, {
    items: [
      { category: 'Bakery', sales: 12, quantity: 31, amount: '402.1500' },
      { category: 'Coffee', sales: 9, quantity: 20, amount: '311.0000' },
      { category: null, sales: 1, quantity: 2, amount: '18.6000' },
    ],
    next_cursor: null,
  })
  @ApiProblems('validation-failed', 'unauthorized', 'forbidden', 'rate-limited')
  byCategory(
    @Query(new ZodPipe(categorySalesQuerySchema)) query: CategorySalesQuery,
  ): Promise<Page<CategorySalesView>> {
    return this.retail.byCategory(query);
  }
}
