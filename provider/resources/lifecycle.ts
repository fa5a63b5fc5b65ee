import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { defined, runCheck } from "./check";
import { providerError } from "./errors";
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
    this.keys = Object.keys(spec.schema.shape).filter((k) => !spec.createOnly?.includes(k));
  }

  /** Validates inputs (no API calls): every problem names its property and the fix. */
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return runCheck(this.spec.schema, news);
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
      (k) => containsUnknown(news[k]) || stableJson(olds[k]) !== stableJson(news[k]),
    );
    const replaces = changed.filter((k) => !this.spec.inPlace.includes(k) || !this.spec.update);
    return {
      changes: changed.length > 0,
      replaces,
      stables: this.keys.filter((k) => !changed.includes(k)),
      deleteBeforeReplace: this.spec.deleteBeforeReplace === true,
    };
  }

  /** Creates the object (one write). */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.spec.schema.parse(news) as I;
    try {
      const { id, outs } = await this.spec.create(inputs);
      return { id, outs: defined(outs) };
    } catch (err) {
      throw providerError(this.spec.type, "create", this.spec.subject(inputs), err);
    }
  }

  /** The object as WP Engine has it now; a blank id only when it is gone (never on other failures). */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    // Create-only inputs are kept as they were: the API does not know them.
    const kept = this.createOnlyOf(props);
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
    const moved = this.spec.inPlace.filter(
      (k) => inputs[k] !== undefined && stableJson(olds[k]) !== stableJson(inputs[k]),
    );
    if (!update || moved.length === 0) return { outs: defined({ ...withoutProvider(olds), ...inputs }) };
    try {
      const outs = await update(id, withoutProvider(olds), inputs);
      return { outs: defined({ ...outs, ...this.createOnlyOf(olds) }) };
    } catch (err) {
      throw providerError(this.spec.type, "update", this.spec.subject(olds, id), err);
    }
  }

  private createOnlyOf(props: Record<string, unknown>): Record<string, unknown> {
    const keys = (this.spec.createOnly ?? []).filter((k) => props[k] !== undefined);
    return Object.fromEntries(keys.map((k) => [k, props[k]]));
  }

  /** Deletes the object; already gone counts as deleted. */
  async delete(id: string, props: Record<string, unknown>): Promise<void> {
    try {
      await this.spec.delete(id, withoutProvider(props));
    } catch (err) {
      throw providerError(this.spec.type, "delete", this.spec.subject(props, id), err);
    }
  }
}

function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _shim, ...rest } = props;
  return rest;
}
