/** The lists that can be narrowed to one account (sites, installs): the filter, its query and its items. */
import type { z } from "zod";
import type { Requester } from "../http";
import { paginate } from "../paginate";
import { uuidPathParam } from "../validate";

/** Narrows a list to one account. */
export interface AccountFilter {
  accountId?: string | undefined;
}

/**
 * `GET path`, every page, optionally for one account. With an account filter, an item whose answer
 * leaves out its account id gets the filter's.
 */
export function listForAccount<T extends { account: { id?: string | undefined } }>(
  http: Requester,
  path: string,
  schema: z.ZodType<T>,
  operation: string,
  filter: AccountFilter,
): AsyncIterable<T> {
  const items = paginate(http, path, schema, accountQuery(operation, filter), { operation });
  return withAccountId(items, filter.accountId);
}

function accountQuery(operation: string, filter: AccountFilter): Record<string, string> {
  if (filter.accountId === undefined) return {};
  // Validated eagerly, so that a bad id fails at the call rather than at the first iteration.
  uuidPathParam(operation, "accountId", filter.accountId);
  return { account_id: filter.accountId };
}

/** Gives items without an account id the id of the account the list was filtered by. */
async function* withAccountId<T extends { account: { id?: string | undefined } }>(
  items: AsyncIterable<T>,
  accountId: string | undefined,
): AsyncGenerator<T, void, undefined> {
  for await (const item of items) {
    yield accountId === undefined || item.account.id !== undefined
      ? item
      : { ...item, account: { ...item.account, id: accountId } };
  }
}
