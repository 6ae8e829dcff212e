/**
 * The `paginator` object of jekyll-paginate 1.1 (Pager#to_liquid) for one page of a paginated index.
 */
import type { Pagination } from '../sources/paginate.ts';
import { paginatedPath } from '../sources/paginate.ts';
import type { Payload } from './document-payload.ts';

export function createPaginator(pagination: Pagination, postsNewestFirst: Payload[], paginatePath: string, firstPageUrl: string): Payload {
  const visible = postsNewestFirst.filter((post) => !post.hidden);
  const { page, totalPages, perPage } = pagination;
  const start = (page - 1) * perPage;
  const pathOf = (n: number | null): string | null => (n === null ? null : n <= 1 ? firstPageUrl : paginatedPath(paginatePath, n));
  const previous = page !== 1 ? page - 1 : null;
  const next = page !== totalPages ? page + 1 : null;
  return {
    page,
    per_page: perPage,
    posts: visible.slice(start, start + perPage),
    total_posts: visible.length,
    total_pages: totalPages,
    previous_page: previous,
    previous_page_path: pathOf(previous),
    next_page: next,
    next_page_path: pathOf(next),
  };
}
