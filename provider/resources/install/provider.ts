import type { WpEngineClient } from "../../client/client";
import { AlreadyExistsError, BadRequestError, NotFoundError } from "../../client/errors";
import type { Installation } from "../../client/schemas";
import { LifecycleProvider } from "../lifecycle";
import { type InstallInputs, installInputs } from "./schema";

/** Outputs of an Install: its inputs plus what WP Engine reports. */
export interface InstallOutputs extends Record<string, unknown> {
  accountId: string;
  name: string;
  siteId?: string;
  environment?: string;
  installId: string;
  cname: string | null;
  primaryDomain: string | null;
  status: string | null;
  phpVersion: string | null;
}

/**
 * The engine-side implementation of `wpengine:Install`: a WordPress environment. Site and
 * environment change in place (one PATCH); name and account replace it, which deletes a website, so
 * `deletionProtection` (on unless set to `false`) refuses that plan at preview, and any delete. A
 * replace keeping the name deletes first (names are unique across WP Engine); one with a new name
 * creates first.
 */
export function installProvider(client: () => WpEngineClient): LifecycleProvider<InstallInputs> {
  const provider = new LifecycleProvider<InstallInputs>({
    type: "Install",
    schema: installInputs,
    inPlace: ["siteId", "environment"],
    recordOnly: ["deletionProtection"],
    protectable: true,
    loses: (props) =>
      `the website ${String(props.name ?? "")}.wpengine.com and all its content (files and database)`,
    subject: (props, id) =>
      `install ${String(props.name ?? "")} (${String(props.name ?? "")}.wpengine.com${id ? `, ${id}` : ""})`,
    create: async (inputs) => {
      let install: Installation;
      try {
        install = await client().createInstall(inputs);
      } catch (err) {
        // Recording an install made elsewhere would let a destroy delete its website.
        if (err instanceof AlreadyExistsError) {
          throw new Error(
            `name "${inputs.name}" is already an install of ${err.scope} (id ${err.existingId ?? "not reported"}), made outside this stack. ` +
              `Nothing was created and it was not taken over. Fix: ${err.fix}.`,
          );
        }
        // Decided by field, not wording: check already vetted the name's shape, so a refusal of the
        // field is a refusal of the value.
        if (err instanceof BadRequestError && err.fieldErrors.some((f) => f.field.trim() === "name")) {
          throw new Error(
            `the install name "${inputs.name}" is taken: install names are unique across all of WP Engine. ` +
              "Fix: choose another name (e.g. add the pull request number). pulumi-wpengine never takes over an existing install by name.",
          );
        }
        throw err;
      }
      return { id: install.id, outs: outputsOf(install, inputs) };
    },
    read: async (id, props) => {
      let install: Installation;
      try {
        install = await client().getInstall(id);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
      return { ...props, ...outputsOf(install, props) };
    },
    update: async (id, olds, inputs) => {
      const change = {
        ...(inputs.siteId !== olds.siteId && inputs.siteId !== undefined ? { siteId: inputs.siteId } : {}),
        ...(inputs.environment !== olds.environment && inputs.environment !== undefined
          ? { environment: inputs.environment }
          : {}),
      };
      return outputsOf(await client().updateInstall(id, change), inputs);
    },
    delete: async (id) => {
      await client().deleteInstall(id);
    },
  });
  const diff = provider.diff.bind(provider);
  provider.diff = async (id, olds, news) => {
    const result = await diff(id, olds, news);
    // Install names are unique across WP Engine: a replace that keeps the name must delete first.
    const keepsName = (result.replaces ?? []).length > 0 && !(result.replaces ?? []).includes("name");
    return { ...result, deleteBeforeReplace: keepsName };
  };
  return provider;
}

/**
 * Outputs from an API answer. Fields the answer leaves out (the contract requires only id, name,
 * account and php_version) keep what is known, so an omission never reads as drift.
 */
function outputsOf(install: Installation, known: Record<string, unknown>): InstallOutputs {
  const site = install.site === undefined ? known.siteId : (install.site?.id ?? undefined);
  const environment =
    install.environment === undefined ? known.environment : (install.environment ?? undefined);
  return {
    accountId: install.account.id ?? String(known.accountId ?? ""),
    name: install.name,
    ...(typeof site === "string" ? { siteId: site } : {}),
    ...(typeof environment === "string" ? { environment } : {}),
    installId: install.id,
    cname: install.cname ?? null,
    primaryDomain: install.primary_domain ?? null,
    status: install.status ?? null,
    phpVersion: install.php_version ?? null,
  };
}
