import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiJson, ApiProblems, READ_PROBLEMS } from '../http/openapi';
import { type Page } from '../http/page';
import { ApiQueryFrom, ZodPipe } from '../http/validation';
import { RateLimit } from '../throttling/rate-limit.decorator';
import {
  categoryPageSchema,
  listCategoriesQuerySchema,
  listProductsQuerySchema,
  productPageSchema,
  type CategoryView,
  type ListCategoriesQuery,
  type ListProductsQuery,
  type ProductView,
} from './retail.dto';
import { RetailService } from './retail.service';

@ApiTags('retail')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/retail')
export class ProductsController {
  constructor(private readonly retail: RetailService) {}

  @Get('products')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Products, by product id',
    description:
      'The product directory (latest version of each product), ordered by product id (byte order). Filter by id, by category (exact) or by the start of the name (case-insensitive; `%`, `_` and `\\` are matched literally). Prices are exact decimal strings with 4 places.',
  })
  @ApiQueryFrom(listProductsQuerySchema)
  @ApiJson(200, 'A page of products', productPageSchema, {
    items: [
      { product_id: 'p-00001', name: 'Product 1', category: 'Coffee', price: '12.9000' },
      { product_id: 'p-00002', name: 'Product 2', category: 'Tea', price: null },
    ],
    next_cursor: null,
  })
  @ApiProblems(...READ_PROBLEMS)
  list(
    @Query(new ZodPipe(listProductsQuerySchema)) query: ListProductsQuery,
  ): Promise<Page<ProductView>> {
    return this.retail.listProducts(query);
  }

  @Get('categories')
  @RateLimit('query')
  @ApiOperation({
    summary: 'Categories, derived from the products',
    description:
      'One item per category the products name, in byte order: how many products it has and their mean price (exact, rounded half away from zero to 4 places; products without a price are left out of the mean, and it is null when none has one).',
  })
  @ApiQueryFrom(listCategoriesQuerySchema)
  @ApiJson(200, 'A page of categories', categoryPageSchema, {
    items: [
      { category: 'Bakery', products: 3, average_price: '7.4333' },
      { category: 'Coffee', products: 4, average_price: '15.2500' },
    ],
    next_cursor: null,
  })
  @ApiProblems(...READ_PROBLEMS)
  categories(
    @Query(new ZodPipe(listCategoriesQuerySchema)) query: ListCategoriesQuery,
  ): Promise<Page<CategoryView>> {
    return this.retail.listCategories(query);
  }
}
