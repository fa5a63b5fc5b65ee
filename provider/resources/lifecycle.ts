import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { defined, runCheck } from "./check";
import { providerError } from "./errors";
import { isProtected } from "./fields";
import { findImported } from "./importFound";
import { normalisedField } from "./normalised";
import { stableJson } from "./stable";
import { containsUnknown } from "./unknown";

/**
 * What one plain resource kind (one API object, no cross-resource rules: Site, SshKey, ...) tells
 * {@link LifecycleProvider}. The shared shape does the rest the same way for every kind: zod check at
 * preview, an explicit diff (which inputs change in place, all others replace), a read that blanks the
 * id only when the object is gone, and errors that name the kind, the operation and the object.
 */
export interface LifecycleSpec<I extends Record<string, unknown>> {
  /** The type name, as in `wpengine:index:Site`. */
  type: string;
  /** Validates and normalises the inputs. */
  schema: z.ZodObject & z.ZodType<I>;
  /**
   * Inputs the API changes in place (through `update`); a change of any other input replaces. An
   * in-place input the program leaves out is not managed (no change, whatever WP Engine reports).
   */
  inPlace: readonly string[];
  /** Inputs that only steer the create (e.g. which existing object to adopt): never a change. */
  createOnly?: readonly string[];
  /** Replace by deleting first: for objects the API keeps unique (an SSH key, an install name). */
  deleteBeforeReplace?: boolean;
  /**
   * Inputs that only this package knows (e.g. `deletionProtection`): a change is an in-place update
   * that sends no request.
   */
  recordOnly?: readonly string[];
  /**
   * For kinds that hold content (a website, its traffic, a deploy key): what is lost when the object
   * is deleted, in words a reviewer reads in the preview, e.g. `the website torquemag.wpengine.com and
   * all its content`. A planned replace prints it as a warning.
   */
  loses?(props: Record<string, unknown>): string;
  /**
   * Set for kinds with `deletionProtection` (Site, Install): while the recorded value is not `false`,
   * a plan that replaces the object fails at preview and a delete is refused before any request.
   */
  protectable?: boolean;
  /** A kind's own refusal of a replace (a message naming the fix), or undefined to allow it. */
  refuseReplace?(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    replaces: string[],
  ): string | undefined;
  /**
   * The resource id and the read's props for `{ import: id }` (the `importId` input), or why the id
   * does not fit, e.g. a domain's `<installId>/<domainId>` naming another install than `installId`.
   * Absent: the import id is the resource id.
   */
  importTarget?(importId: string, inputs: I): { id: string } | { error: string };
  /**
   * Where an object found for import differs from the declared inputs in what identifies it (what
   * would replace it), one `[input, what WP Engine has]` pair each. Absent: every input that is
   * neither in place nor record-only, compared as normalised.
   */
  importMismatches?(found: Record<string, unknown>, inputs: I): Promise<[string, string][]>;
  /** Names the object in messages, e.g. `site "Torque" (id)`. */
  subject(props: Record<string, unknown>, id?: string): string;
  /** Creates the object: its id and the outputs (inputs included). */
  create(inputs: I): Promise<{ id: string; outs: Record<string, unknown> }>;
  /** The object as the API reports it now, merged over `props`; undefined when it is gone (404). */
  read(id: string, props: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  /** Applies the in-place inputs; absent when nothing changes in place. */
  update?(id: string, olds: Record<string, unknown>, inputs: I): Promise<Record<string, unknown>>;
  /** Deletes the object; an object already gone is not an error. */
  delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** A dynamic provider for one {@link LifecycleSpec}. */
export class LifecycleProvider<I extends Record<string, unknown>> implements pulumi.dynamic.ResourceProvider {
  private readonly keys: string[];

  constructor(private readonly spec: LifecycleSpec<I>) {
    this.keys = Object.keys(spec.schema.shape).filter((k) => !this.createOnly.includes(k));
  }

  /** Create-only inputs: the kind's own, and `importId` (see {@link importFound}). */
  private get createOnly(): readonly string[] {
    return [...(this.spec.createOnly ?? []), "importId"];
  }

  /**
   * A recorded value as the schema normalises it (ids in lower case, names as WP Engine compares
   * them), so a state written before normalisation, or by a program that spelled an id in capitals,
   * compares equal to the same value spelled as WP Engine answers it.
   */
  private normalised(key: string, value: unknown): unknown {
    return normalisedField(this.spec.schema, key, value);
  }

  /**
   * Validates inputs: every problem names its property and the fix. No API call, except for a new
   * resource with `{ import: id }`: the object is read, so that a preview fails on an id that names
   * nothing, or an object whose identity differs from the program (each field named, with the value
   * WP Engine has), and says which in-place changes the `up` will make.
   */
  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const checked = runCheck(this.spec.schema, news);
    const importing = checked.inputs.importId;
    if (checked.failures.length > 0 || Object.keys(olds).length > 0 || typeof importing !== "string")
      return checked;
    // Still unknown somewhere (an Output of another resource): judged again at `up`, by create.
    if (Object.values(checked.inputs).some(containsUnknown)) return checked;
    const inputs = checked.inputs as I;
    const found = await this.importFound(importing, inputs).catch((err: unknown) => ({
      failure: err instanceof Error ? err.message : String(err),
    }));
    if ("failure" in found)
      return { inputs: news, failures: [{ property: "importId", reason: found.failure }] };
    const moved = this.inPlaceMoves(found.props, inputs);
    if (moved.length > 0) {
      console.error(
        `wpengine:${this.spec.type} ${this.spec.subject(found.props, found.id)}: imported, and \`pulumi up\` changes it in place: ` +
          `${moved.map((k) => `${k} ${found.props[k] === undefined ? "(not reported)" : JSON.stringify(found.props[k])} -> ${JSON.stringify(inputs[k])}`).join(", ")}.`,
      );
    }
    return checked;
  }

  /** The object `{ import: id }` names, or why it cannot be adopted (see {@link findImported}). */
  private importFound(
    importing: string,
    inputs: I,
  ): Promise<{ id: string; props: Record<string, unknown> } | { failure: string }> {
    const identity = this.keys.filter(
      (k) => !this.spec.inPlace.includes(k) && !this.spec.recordOnly?.includes(k),
    );
    return findImported(this.spec, identity, (k, v) => this.normalised(k, v), importing, inputs);
  }

  /** In-place inputs the program sets to another value than `props` hold. */
  private inPlaceMoves(props: Record<string, unknown>, inputs: I): string[] {
    return this.spec.inPlace.filter(
      (k) =>
        inputs[k] !== undefined &&
        stableJson(this.normalised(k, props[k])) !== stableJson(this.normalised(k, inputs[k])),
    );
  }

  /** In place for the kind's `inPlace` inputs, replace for every other; unknown values count as changes. */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    // An optional in-place input left out of the program is not managed: whatever WP Engine has stays.
    const managed = this.keys.filter((k) => !(news[k] === undefined && this.spec.inPlace.includes(k)));
    const changed = managed.filter(
      (k) =>
        containsUnknown(news[k]) ||
        stableJson(this.normalised(k, olds[k])) !== stableJson(this.normalised(k, news[k])),
    );
    const inPlace = (k: string) =>
      this.spec.recordOnly?.includes(k) === true || (this.spec.inPlace.includes(k) && !!this.spec.update);
    const replaces = changed.filter((k) => !inPlace(k));
    if (replaces.length > 0) this.guardReplace(olds, news, replaces);
    return {
      changes: changed.length > 0,
      replaces,
      stables: this.keys.filter((k) => !changed.includes(k)),
      deleteBeforeReplace: this.spec.deleteBeforeReplace === true,
    };
  }

  /**
   * Refuses (so that `pulumi preview` fails before any write) a replace of a protected object or one
   * the kind refuses, and otherwise says in the preview what the replace deletes. Why a warning and
   * not only the `+-` mark: a reviewer must read that a website goes, not infer it from a symbol.
   */
  private guardReplace(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    replaces: string[],
  ): void {
    const subject = this.spec.subject(olds, String(olds[idKeyOf(olds)] ?? ""));
    const why = replaces
      .map((k) =>
        containsUnknown(news[k])
          ? `${k} is not known until apply`
          : `${k} ${JSON.stringify(olds[k] ?? null)} -> ${JSON.stringify(news[k] ?? null)}`,
      )
      .join(", ");
    const loses = this.spec.loses?.(olds);
    if (this.spec.protectable && isProtected(olds)) {
      throw new Error(
        `wpengine:${this.spec.type} ${subject} is protected by deletionProtection: this plan would replace it (${why}), ` +
          `which deletes ${loses ?? "it"}. Nothing was changed. Fix: keep the old value${replaces.length > 1 ? "s" : ""} of ${replaces.join(", ")}; ` +
          `or, to delete it on purpose, first set \`deletionProtection: false\` on this ${this.spec.type} and run \`pulumi up\` ` +
          "(no change at WP Engine), then make the change.",
      );
    }
    const refusal = this.spec.refuseReplace?.(olds, news, replaces);
    if (refusal !== undefined) {
      throw new Error(
        `wpengine:${this.spec.type} ${subject} cannot be replaced (${why}): ${refusal} Nothing was changed.`,
      );
    }
    if (loses !== undefined) {
      console.error(
        `warning: wpengine:${this.spec.type} ${subject} will be REPLACED (${why}): the old one is deleted, and with it ${loses}.`,
      );
    }
  }

  /**
   * Creates the object (one write), or, with `{ import: id }`, adopts the existing one: read afresh,
   * identity checked again, and only the in-place inputs that differ sent (no write when none do).
   */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.spec.schema.parse(news) as I;
    try {
      if (typeof inputs.importId === "string") return await this.adopt(inputs.importId, inputs);
      const { id, outs } = await this.spec.create(inputs);
      return { id, outs: defined({ ...outs, ...this.recordOnlyOf(inputs) }) };
    } catch (err) {
      throw providerError(this.spec.type, "create", this.spec.subject(inputs), err);
    }
  }

  private async adopt(importing: string, inputs: I): Promise<pulumi.dynamic.CreateResult> {
    const found = await this.importFound(importing, inputs);
    if ("failure" in found) throw new Error(found.failure);
    const { id, props } = found;
    const update = this.spec.update;
    const outs =
      update && this.inPlaceMoves(props, inputs).length > 0 ? await update(id, props, inputs) : props;
    // What the program declares for inputs WP Engine does not report (e.g. an unmanaged optional)
    // stays as read; the create-only and record-only inputs are recorded as given.
    return {
      id,
      outs: defined({ ...withoutProvider(outs), ...this.createOnlyOf(inputs), ...this.recordOnlyOf(inputs) }),
    };
  }

  /** The object as WP Engine has it now; a blank id only when it is gone (never on other failures). */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    // Create-only inputs are kept as they were: the API does not know them.
    const kept = { ...this.createOnlyOf(props), ...this.recordOnlyOf(props) };
    let outs: Record<string, unknown> | undefined;
    try {
      outs = await this.spec.read(id, withoutProvider(props));
    } catch (err) {
      throw providerError(this.spec.type, "read", this.spec.subject(props, id), err);
    }
    if (outs === undefined) return { id: "" };
    const clean = defined(withoutProvider(outs));
    const inputs = Object.fromEntries(
      this.keys.filter((k) => clean[k] !== undefined).map((k) => [k, clean[k]]),
    );
    return { id, props: { ...clean, ...kept }, inputs: { ...inputs, ...kept } };
  }

  /** Applies the in-place changes (the kind's `update` runs only when one changed) and returns the outputs. */
  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = this.spec.schema.parse(news) as I;
    const update = this.spec.update;
    // Nothing to change in place (e.g. only the shim moved on, see withCurrentShim): no request at all.
    // recordOnly inputs (deletionProtection) never reach the API: they are recorded below.
    const moved = this.spec.inPlace.filter(
      (k) => inputs[k] !== undefined && stableJson(olds[k]) !== stableJson(inputs[k]),
    );
    if (!update || moved.length === 0) return { outs: defined({ ...withoutProvider(olds), ...inputs }) };
    try {
      const outs = await update(id, withoutProvider(olds), inputs);
      return { outs: defined({ ...outs, ...this.createOnlyOf(olds), ...this.recordOnlyOf(inputs) }) };
    } catch (err) {
      throw providerError(this.spec.type, "update", this.spec.subject(olds, id), err);
    }
  }

  private recordOnlyOf(props: Record<string, unknown>): Record<string, unknown> {
    const keys = (this.spec.recordOnly ?? []).filter((k) => props[k] !== undefined);
    return Object.fromEntries(keys.map((k) => [k, props[k]]));
  }

  private createOnlyOf(props: Record<string, unknown>): Record<string, unknown> {
    const keys = this.createOnly.filter((k) => props[k] !== undefined);
    return Object.fromEntries(keys.map((k) => [k, props[k]]));
  }

  /**
   * Deletes the object; already gone counts as deleted. A protected object is refused before any
   * request: the engine's own `protect` (which the SDK sets from `deletionProtection`) normally stops
   * the plan at preview already; this holds where it was lifted by hand (`pulumi state unprotect`).
   */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    if (this.spec.protectable && isProtected(props)) {
      const loses = this.spec.loses?.(props);
      throw new Error(
        `wpengine:${this.spec.type} ${this.spec.subject(props, id)} is protected by deletionProtection, so it was not deleted` +
          `${loses ? ` (that would delete ${loses})` : ""}. Fix: to keep it, put it back in the program (or \`pulumi state delete\` ` +
          "to forget it without deleting it); to delete it on purpose, first set `deletionProtection: false` on it and run " +
          "`pulumi up` (no change at WP Engine), then remove it.",
      );
    }
    try {
      await this.spec.delete(id, withoutProvider(props));
    } catch (err) {
      throw providerError(this.spec.type, "delete", this.spec.subject(props, id), err);
    }
  }
}

/** The outputs that hold an object's WP Engine id (one per kind). */
const ID_OUTPUTS = ["installId", "siteId", "domainId", "keyId"];

/** The output that holds the object's WP Engine id, for messages (`installId`, `siteId`, ...). */
function idKeyOf(props: Record<string, unknown>): string {
  return ID_OUTPUTS.find((k) => typeof props[k] === "string") ?? "id";
}

function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _shim, ...rest } = props;
  return rest;
}
