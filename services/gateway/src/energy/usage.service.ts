import { Inject, Injectable } from '@nestjs/common';
import { type Page } from '../http/page';
import { cursorKey, pageOf, stringKey } from '../http/query-params';
import { type ListUsageQuery, type UsageView } from './usage.dto';
import { USAGE_STORE, type UsageKey, type UsageStore } from './usage.store';

@Injectable()
export class UsageService {
  constructor(@Inject(USAGE_STORE) private readonly store: UsageStore) {}

  async list(query: ListUsageQuery): Promise<Page<UsageView>> {
    const { limit = 100, cursor, ...filters } = query;
    const after = cursorKey(cursor, filters, stringKey<UsageKey>('userId', 'period'));
    const rows = await this.store.list(
      {
        granularity: filters.granularity,
        ...(filters.user_id !== undefined ? { userId: filters.user_id } : {}),
        ...(filters.from !== undefined ? { from: filters.from } : {}),
        ...(filters.to !== undefined ? { to: filters.to } : {}),
      },
      after,
      limit + 1,
    );
    return pageOf(
      rows,
      limit,
      filters,
      (row) => ({ userId: row.user_id, period: row.period }),
      (row) => row,
    );
  }
}
