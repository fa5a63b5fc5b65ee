import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { WpEngineClient } from "../../client/client";
import { NotFoundError } from "../../client/errors";
import type { DomainCertificate } from "../../client/schemas";
import { defaultPollOptions, type PollOptions } from "../backup/provider";
import { defined, runCheck } from "../check";
import { providerError } from "../errors";
import { EXAMPLE_INSTALL_ID, email, importId, timeoutMinutes, triggers, wpeId } from "../fields";
import { initError } from "../initError";
import { stableJson } from "../stable";
import { containsUnknown } from "../unknown";

/** Inputs of a `DomainCertificate`, validated and normalised by `check`. */
export const domainCertificateInputs = z.object({
  installId: wpeId("install", EXAMPLE_INSTALL_ID),
  domainId: wpeId("domain", "e41fa98f-ea80-4654-b229-a9b765d0863a"),
  holder: z.object(
    {
      email,
      givenName: z
        .string({ error: "holder.givenName must be a string" })
        .trim()
        .min(1, { error: "holder.givenName must not be empty" }),
      familyName: z
        .string({ error: "holder.familyName must be a string" })
        .trim()
        .min(1, { error: "holder.familyName must not be empty" }),
      regionCode: z
        .string({ error: "holder.regionCode must be a string" })
        .trim()
        .toUpperCase()
        .refine((v) => /^[A-Z]{2}$/.test(v), {
          error: 'holder.regionCode must be a two-letter country code, e.g. "US"',
        }),
      state: z.string().trim().min(1).optional(),
      city: z.string().trim().min(1).optional(),
      phone: z.string().trim().min(1).optional(),
    },
    { error: "holder must name the certificate's holder: { email, givenName, familyName, regionCode }" },
  ),
  waitForIssue: z.boolean({ error: "waitForIssue must be true or false" }).optional(),
  timeoutMinutes: timeoutMinutes.optional(),
  triggers: triggers.optional(),
  importId: importId.optional(),
});

/** Validated DomainCertificate inputs. */
export type DomainCertificateInputs = z.infer<typeof domainCertificateInputs>;

const WAIT_KEYS = ["waitForIssue", "timeoutMinutes"];
const ORDER_KEYS = ["installId", "domainId", "holder", "triggers"];
/** Statuses after which the certificate will never be issued: the next `up` orders a new one. */
const FAILED = new Set(["REJECTED", "CANCELED", "EXPIRED", "DISABLED"]);

/**
 * The engine-side implementation of `wpengine:DomainCertificate`: orders a certificate for a domain
 * and, by default, waits with backoff until WP Engine reports it `ENABLED`. Any change of what is
 * ordered (domain, holder, triggers) orders again; a rejected or cancelled certificate is ordered again
 * by the next `up`. A wait that times out keeps the order in the state, and the next `up` resumes it.
 */
export class DomainCertificateProvider implements pulumi.dynamic.ResourceProvider {
  constructor(
    private readonly client: () => WpEngineClient,
    private readonly poll: PollOptions = defaultPollOptions(),
  ) {}

  /**
   * Validates inputs. No API call, except for a new resource with `{ import: "<installId>/<domainId>" }`:
   * the certificate is read, so that a preview fails on an id that names no certificate or another
   * domain than the program's, before anything is adopted.
   */
  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const checked = runCheck(domainCertificateInputs, news);
    const importing = checked.inputs.importId;
    if (checked.failures.length > 0 || Object.keys(olds).length > 0 || typeof importing !== "string")
      return checked;
    if (Object.values(checked.inputs).some(containsUnknown)) return checked;
    const found = await this.imported(importing, domainCertificateInputs.parse(checked.inputs)).catch(
      (err: unknown) => ({ failure: err instanceof Error ? err.message : String(err) }),
    );
    if ("failure" in found)
      return { inputs: news, failures: [{ property: "importId", reason: found.failure }] };
    return checked;
  }

  /**
   * The certificate `{ import: id }` names, read now, or why it cannot be adopted. The id is
   * `<installId>/<domainId>` (a certificate belongs to a domain); both must be the program's.
   */
  private async imported(
    importing: string,
    inputs: DomainCertificateInputs,
  ): Promise<{ cert: DomainCertificate } | { failure: string }> {
    const [installId, domainId, ...rest] = importing.split("/");
    if (installId === undefined || domainId === undefined || domainId === "" || rest.length > 0)
      return {
        failure: `a DomainCertificate is imported as "<installId>/<domainId>" (e.g. "${inputs.installId}/${inputs.domainId}"), not "${importing}".`,
      };
    const differs = (
      [
        ["installId", installId],
        ["domainId", domainId],
      ] as const
    ).filter(([k, v]) => inputs[k] !== v);
    if (differs.length > 0)
      return {
        failure:
          `{ import: "${importing}" } names the certificate of another domain than the program (${differs.map(([k, v]) => `${k}: the program says "${inputs[k]}", the import id says "${v}"`).join("; ")}). ` +
          "Nothing was adopted. Fix: declare that install and domain, or import the certificate of this one.",
      };
    try {
      return { cert: await this.client().getDomainCertificate(installId, domainId) };
    } catch (err) {
      if (err instanceof NotFoundError)
        return {
          failure: `{ import: "${importing}" } names no certificate: WP Engine has none for domain ${domainId} of install ${installId}. Fix: drop the import option to order one, or import a domain that has one (getInstallCertificates lists them).`,
        };
      throw err;
    }
  }

  /** Replaces on a change of the order or a failed certificate; an unfinished one is resumed by an update. */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const changed = [...ORDER_KEYS, ...WAIT_KEYS].filter(
      (k) => containsUnknown(news[k]) || stableJson(olds[k]) !== stableJson(news[k]),
    );
    const replaces = changed.filter((k) => ORDER_KEYS.includes(k));
    if (FAILED.has(String(olds.status))) replaces.push("status");
    const unfinished = olds.status !== "ENABLED" && news.waitForIssue !== false;
    return {
      changes: changed.length > 0 || replaces.length > 0 || unfinished,
      replaces,
      deleteBeforeReplace: false,
    };
  }

  /** Orders the certificate (one POST) and, by default, waits until it is issued. */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = domainCertificateInputs.parse(news);
    if (inputs.importId !== undefined) return this.adopt(inputs.importId, inputs, news.__provider);
    const h = inputs.holder;
    try {
      await this.client().orderCertificate(
        inputs.installId,
        inputs.domainId,
        defined({
          email_address: h.email,
          given_name: h.givenName,
          family_name: h.familyName,
          region_code: h.regionCode,
          state: h.state,
          city: h.city,
          phone: h.phone,
        }),
      );
    } catch (err) {
      throw providerError("DomainCertificate", "order", `domain ${inputs.domainId}`, err);
    }
    const outs = {
      ...defined({ ...inputs }),
      status: "SUBMITTED",
      orderedAt: new Date(this.poll.now()).toISOString(),
      commonName: null,
      expiresAt: null,
    };
    if (inputs.waitForIssue === false) return { id: inputs.domainId, outs };
    return { id: inputs.domainId, outs: await this.waitFor(inputs.domainId, outs, inputs, news.__provider) };
  }

  /**
   * Adopts the certificate `{ import: id }` names, with no write, waiting (by reads) for an unfinished
   * one unless `waitForIssue` is false. WP Engine does not report the holder or when it was ordered:
   * the holder is recorded as declared, `orderedAt` as null.
   */
  private async adopt(
    importing: string,
    inputs: DomainCertificateInputs,
    provider: unknown,
  ): Promise<pulumi.dynamic.CreateResult> {
    let found: Awaited<ReturnType<DomainCertificateProvider["imported"]>>;
    try {
      found = await this.imported(importing, inputs);
    } catch (err) {
      throw providerError("DomainCertificate", "import", `domain ${inputs.domainId}`, err);
    }
    if ("failure" in found) throw new Error(found.failure);
    const outs: Record<string, unknown> = {
      ...defined({ ...inputs }),
      orderedAt: null,
      ...observed(found.cert, {}),
    };
    // An unfinished certificate is waited for as a new order would be (reads only); a failed one is
    // recorded as it is, and the next preview shows the new order it takes.
    if (outs.status === "ENABLED" || FAILED.has(String(outs.status)) || inputs.waitForIssue === false)
      return { id: inputs.domainId, outs };
    return { id: inputs.domainId, outs: await this.waitFor(inputs.domainId, outs, inputs, provider) };
  }

  /** The certificate's status now; gone (blank id) when WP Engine has no certificate for the domain. */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const { __provider: _shim, ...kept } = props;
    let cert: DomainCertificate;
    try {
      cert = await this.client().getDomainCertificate(String(props.installId), id);
    } catch (err) {
      if (err instanceof NotFoundError) return { id: "" };
      throw providerError("DomainCertificate", "read", `domain ${id}`, err);
    }
    const outs = { ...kept, ...observed(cert, kept) };
    const inputs = Object.fromEntries(
      [...ORDER_KEYS, ...WAIT_KEYS].filter((k) => outs[k] !== undefined).map((k) => [k, outs[k]]),
    );
    return { id, props: outs, inputs };
  }

  /** Applies new wait settings and resumes waiting for an unfinished certificate (no new order). */
  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = domainCertificateInputs.parse(news);
    const { __provider: _shim, ...kept } = olds;
    const outs: Record<string, unknown> = { ...kept, ...defined({ ...inputs }) };
    if (outs.status === "ENABLED" || inputs.waitForIssue === false) return { outs };
    return { outs: await this.waitFor(id, outs, inputs, news.__provider) };
  }

  /** WP Engine has no API to revoke a certificate: it leaves the state only, and the provider says so. */
  async delete(id: string): Promise<void> {
    console.error(
      `warning: wpengine:DomainCertificate of domain ${id} removed from the Pulumi state only; the certificate stays ` +
        "with the domain at WP Engine (the API cannot revoke it). Removing the Domain removes its certificate.",
    );
  }

  private async waitFor(
    domainId: string,
    outs: Record<string, unknown>,
    inputs: DomainCertificateInputs,
    provider: unknown,
  ): Promise<Record<string, unknown>> {
    const minutes = inputs.timeoutMinutes ?? 60;
    const deadline = this.poll.now() + minutes * 60_000;
    let delay = this.poll.initialMs;
    let current = outs;
    for (;;) {
      let cert: DomainCertificate;
      try {
        cert = await this.client().getDomainCertificate(inputs.installId, domainId);
      } catch (err) {
        throw initError(
          domainId,
          current,
          provider,
          providerError("DomainCertificate", "status check", `domain ${domainId}`, err).message,
        );
      }
      current = { ...current, ...observed(cert, current) };
      if (current.status === "ENABLED") return current;
      if (FAILED.has(String(current.status))) {
        throw initError(
          domainId,
          current,
          provider,
          `wpengine:DomainCertificate of domain ${domainId} is ${String(current.status)} at WP Engine. It is recorded; the next \`pulumi up\` orders a new one (check the domain's DNS points at WP Engine first).`,
        );
      }
      if (this.poll.now() + delay > deadline) {
        throw initError(
          domainId,
          current,
          provider,
          `wpengine:DomainCertificate of domain ${domainId} is still "${String(current.status)}" after ${minutes} minutes. It is recorded in the state; the next \`pulumi up\` resumes waiting (no second order). Raise timeoutMinutes to wait longer.`,
        );
      }
      await this.poll.sleep(delay);
      delay = Math.min(delay * 2, this.poll.maxMs);
    }
  }
}

/** What an answer tells; a field it leaves out keeps what is known. */
function observed(cert: DomainCertificate, known: Record<string, unknown>): Record<string, unknown> {
  const c = cert.certificate;
  return {
    status: c?.status ?? known.status ?? "SUBMITTED",
    commonName: c?.common_name ?? cert.cert_name ?? known.commonName ?? null,
    expiresAt: c?.expires_time ?? known.expiresAt ?? null,
  };
}
