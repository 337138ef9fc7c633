/** A page of a list: `{items, next_cursor}`, the shape of every list the API returns. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last one. */
  next_cursor: string | null;
}
