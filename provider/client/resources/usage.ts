/** Usage metrics: an account's and an install's daily figures, rollups and insights. */
import {
  AccountUsagePageSchema,
  type EnvironmentUsage,
  InstallUsageSchema,
  type UsageInsights,
  UsageInsightsSchema,
  type UsageRange,
  type UsageRollup,
  UsageRollupSchema,
} from "../usageSchemas";
import { usageRangeQuery, uuidPathParam } from "../validate";
import { ApiResource } from "./base";

/** `/accounts/{account_id}/usage` and `/installs/{install_id}/usage`. */
export class Usage extends ApiResource {
  /**
   * `GET /accounts/{account_id}/usage`: each install's daily figures, every page (1,000 installs per
   * request, the most the API allows). Both dates or neither (WP Engine's default range).
   */
  listAccountUsage(accountId: string, range: UsageRange = {}): AsyncIterable<EnvironmentUsage> {
    const op = "getAccountUsageMetrics";
    const path = `/accounts/${uuidPathParam(op, "accountId", accountId)}/usage`;
    const query = { ...usageRangeQuery(op, range), limit: 1000 };
    return this.tokenPages(op, path, query, async (q) => {
      const body = await this.get(op, path, AccountUsagePageSchema, q);
      return { items: body.environment_metrics ?? [], next: body.next_page_token };
    });
  }

  /** `GET /accounts/{account_id}/usage/summary`: the account's rollup over the range. */
  async getAccountUsageSummary(accountId: string, range: UsageRange = {}): Promise<UsageRollup> {
    const op = "getAccountUsageSummary";
    const id = uuidPathParam(op, "accountId", accountId);
    return this.get(op, `/accounts/${id}/usage/summary`, UsageRollupSchema, usageRangeQuery(op, range));
  }

  /** `GET /accounts/{account_id}/usage/insights`: totals by environment type and site type. */
  async getAccountUsageInsights(accountId: string, range: UsageRange = {}): Promise<UsageInsights> {
    const op = "getAccountUsageInsights";
    const id = uuidPathParam(op, "accountId", accountId);
    return this.get(op, `/accounts/${id}/usage/insights`, UsageInsightsSchema, usageRangeQuery(op, range));
  }

  /** `GET /installs/{install_id}/usage`: one install's daily figures and rollup over the range. */
  async getInstallUsage(installId: string, range: UsageRange = {}): Promise<EnvironmentUsage> {
    const op = "getInstallUsageMetrics";
    const id = uuidPathParam(op, "installId", installId);
    return this.get(op, `/installs/${id}/usage`, InstallUsageSchema, usageRangeQuery(op, range));
  }
}
