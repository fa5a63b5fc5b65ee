import type { WpEngineClient } from "../../client/client";
import { AlreadyExistsError, NotFoundError } from "../../client/errors";
import type { Domain } from "../../client/schemas";
import { LifecycleProvider } from "../lifecycle";
import { Snapshots } from "../snapshots";
import { type DomainInputs, domainInputs } from "./schema";

/** Outputs of a Domain: its inputs plus what WP Engine reports. */
export interface DomainOutputs extends Record<string, unknown> {
  installId: string;
  name: string;
  primary: boolean;
  secureAllUrls: boolean;
  redirectTo?: string;
  domainId: string;
}

/**
 * The engine-side implementation of `wpengine:Domain`: a host name served by an install. Primary,
 * redirect and secure-all-URLs change in place (one PATCH); another name or install replaces it. The
 * domains of one install are read with one list call per refresh, whatever their number.
 */
export function domainProvider(client: () => WpEngineClient): LifecycleProvider<DomainInputs> {
  // Per provider process (one update); keyed by install. Any write to an install forgets its list.
  const lists = new Snapshots<Domain[] | undefined>(async (installId) => {
    try {
      const all: Domain[] = [];
      for await (const d of client().listDomains(installId)) all.push(d);
      return all;
    } catch (err) {
      // The install is gone, so are its domains.
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  });
  return new LifecycleProvider<DomainInputs>({
    type: "Domain",
    schema: domainInputs,
    inPlace: ["primary", "redirectTo", "secureAllUrls"],
    loses: (props) =>
      `the domain ${String(props.name ?? "")} from install ${String(props.installId ?? "")} (it stops serving that host name, and its SSL certificate goes with it)`,
    refuseReplace: (olds, news, replaces) =>
      // Created first, a replacement on the same install that is itself primary takes over as primary
      // before the old one goes; anything else would leave the install without one.
      olds.primary === true && (replaces.includes("installId") || news.primary !== true)
        ? `it is the primary domain of install ${String(olds.installId)}, and the replacement would leave that install without one. ` +
          "Fix: declare the new domain as its own Domain with `primary: true` (on the same install), run `pulumi up`, then remove this one."
        : undefined,
    subject: (props, id) => `domain ${String(props.name ?? "")}${id ? ` (${id})` : ""}`,
    // A domain id is only read within its install: `{ import: "<installId>/<domainId>" }`.
    importTarget: (importing, inputs) => {
      const [installId, domainId, ...rest] = importing.split("/");
      if (installId === undefined || domainId === undefined || rest.length > 0 || domainId === "")
        return {
          error: `a Domain is imported as "<installId>/<domainId>" (e.g. "${inputs.installId}/<domainId>"), not "${importing}". getDomains({ installId }) lists the ids.`,
        };
      if (installId !== inputs.installId)
        return {
          error: `{ import: "${importing}" } names a domain of install ${installId}, but the program declares installId ${inputs.installId}. Fix: declare that install, or import a domain of this one.`,
        };
      return { id: domainId };
    },
    create: async (inputs) => {
      lists.forget(inputs.installId);
      let domain: Domain;
      try {
        domain = await client().createDomain(inputs.installId, inputs);
      } catch (err) {
        // Recording a domain added elsewhere would let a destroy take it off the install.
        if (err instanceof AlreadyExistsError) {
          throw new Error(
            `name "${inputs.name}" is already a domain of ${err.scope} (id ${err.existingId ?? "not reported"}), added outside this stack. ` +
              `Nothing was added and it was not taken over. Fix: ${err.fix}.`,
          );
        }
        throw err;
      }
      // secure_all_urls can only be set by a PATCH.
      if (inputs.secureAllUrls !== undefined && inputs.secureAllUrls !== domain.secure_all_urls)
        domain = await client().updateDomain(inputs.installId, domain.id, {
          secureAllUrls: inputs.secureAllUrls,
        });
      return { id: domain.id, outs: outputsOf(domain, inputs) };
    },
    read: async (id, props) => {
      const installId = String(props.installId ?? "");
      const domain = (await lists.get(installId))?.find((d) => d.id === id);
      return domain && { ...props, ...outputsOf(domain, props) };
    },
    update: async (id, olds, inputs) => {
      lists.forget(inputs.installId);
      const change = {
        ...(inputs.primary !== undefined && inputs.primary !== olds.primary
          ? { primary: inputs.primary }
          : {}),
        ...(inputs.redirectTo !== olds.redirectTo ? { redirectTo: inputs.redirectTo ?? null } : {}),
        ...(inputs.secureAllUrls !== undefined && inputs.secureAllUrls !== olds.secureAllUrls
          ? { secureAllUrls: inputs.secureAllUrls }
          : {}),
      };
      const domain = await client().updateDomain(inputs.installId, id, change);
      return outputsOf(domain, inputs);
    },
    delete: async (id, props) => {
      lists.forget(String(props.installId));
      await client().deleteDomain(String(props.installId), id);
    },
  });
}

/** Outputs from an API answer; the redirect keeps the declared id when the answer does not name one. */
function outputsOf(domain: Domain, known: Record<string, unknown>): DomainOutputs {
  const target = domain.redirects_to?.[0]?.id;
  const redirect = domain.redirects_to === undefined ? known.redirectTo : target;
  return {
    installId: String(known.installId),
    name: domain.name,
    primary: domain.primary,
    secureAllUrls: domain.secure_all_urls,
    ...(typeof redirect === "string" ? { redirectTo: redirect } : {}),
    domainId: domain.id,
  };
}
