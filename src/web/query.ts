import { z } from 'zod';

// Query-string schemas more than one feature's lists use; a feature's own live in its service.

/** A page number as it appears in a query string: digits only, from 1, six digits at most. */
const pageNumber = z.string().regex(/^[1-9]\d{0,5}$/).transform(Number);

/** `?page=` of a list: the first page when absent; any other value is no page (the route answers 404). */
export const pageQuery = z.object({ page: pageNumber.default(1) });

/** `?page=` of a list that is browsed rather than linked to (the audit log): anything that is not a page number shows the first page. */
export const browsePageQuery = z.object({ page: pageNumber.catch(1) });
