/**
 * Shape checks of request bodies. Every problem becomes one ResourceError entry of a single 400, so a
 * client learns about all its mistakes at once. Rules that need state (unique emails, installs of the
 * account, the last owner) live in the store.
 */
import { ApiFailure, isEmail, isUuid, type ResourceError } from "./http";
import type { CachePurgeRecord, InstallCopyRecord, InstallEnvironment } from "./model";
import { isWrittenRole, WRITTEN_ROLES } from "./roles";
import type {
  AccountUserChange,
  InstallChange,
  NewAccountUser,
  NewBackup,
  NewInstall,
  NewSite,
} from "./store";

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Collector {
  readonly errors: ResourceError[] = [];
  constructor(private readonly resource: string) {}
  add(field: string, code: string, message: string, type = "invalid_value"): void {
    this.errors.push({ resource: this.resource, field, type, code, message });
  }
  fail(summary: string): never {
    throw new ApiFailure("invalid", summary, this.resource, this.errors[0]?.field ?? "body", this.errors);
  }
  throwIfAny(summary: string): void {
    if (this.errors.length > 0) this.fail(summary);
  }
}

const MAX_NAME = 255;

function requiredText(c: Collector, o: Obj, field: string, max = MAX_NAME): string {
  const v = o[field];
  if (v === undefined || v === null) c.add(field, "required", `${field} is required.`);
  else if (typeof v !== "string") c.add(field, "invalid", `${field} must be a string.`);
  else if (v.trim() === "") c.add(field, "blank", `${field} cannot be empty.`);
  else if (v.length > max) c.add(field, "too_long", `${field} is too long (maximum is ${max} characters).`);
  else return v;
  return "";
}

function rolesField(c: Collector, o: Obj): NewAccountUser["roles"] {
  const v = o.roles;
  if (v === undefined || v === null) c.add("roles", "required", "roles is required.");
  else if (!isWrittenRole(v)) c.add("roles", "invalid", `roles must be one of: ${WRITTEN_ROLES.join("; ")}.`);
  else return v;
  return "owner";
}

function installIdsField(c: Collector, o: Obj): string[] | undefined {
  const v = o.install_ids;
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((id) => typeof id !== "string")) {
    c.add("install_ids", "invalid", "install_ids must be an array of install ids.");
    return undefined;
  }
  return v as string[];
}

function unknownFields(c: Collector, o: Obj, allowed: string[], code = "unknown_field"): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) c.add(key, code, `${key} is not a recognized field.`);
  }
}

/** Checks a create-account-user body `{user: {account_id, first_name, last_name, email, roles, install_ids?}}`. */
export function parseNewAccountUser(body: unknown): NewAccountUser {
  const c: Collector = new Collector("AccountUser");
  if (!isObj(body)) {
    c.add("body", "invalid", "The body must be a JSON object.");
    c.fail("Invalid request body.");
  }
  unknownFields(c, body, ["user"]);
  const user = body.user;
  if (!isObj(user)) {
    c.add("user", user === undefined ? "required" : "invalid", "user must be an object.");
    c.fail("Invalid account user.");
  }
  unknownFields(c, user, ["account_id", "first_name", "last_name", "email", "roles", "install_ids"]);
  const accountId = requiredText(c, user, "account_id");
  const first = requiredText(c, user, "first_name");
  const last = requiredText(c, user, "last_name");
  const email = requiredText(c, user, "email");
  if (email !== "" && !isEmail(email)) c.add("email", "invalid", "email is not a valid email address.");
  const roles = rolesField(c, user);
  const installIds = installIdsField(c, user);
  c.throwIfAny("Invalid account user.");
  return {
    account_id: accountId,
    first_name: first,
    last_name: last,
    email,
    roles,
    install_ids: installIds ?? [],
  };
}

const IMMUTABLE = ["first_name", "last_name", "email", "phone", "account_id", "user_id"];

/** Checks a PATCH body: only `{roles, install_ids?}`; names and email can never change through the API. */
export function parseAccountUserChange(body: unknown): AccountUserChange {
  const c: Collector = new Collector("AccountUser");
  if (!isObj(body)) {
    c.add("body", "invalid", "The body must be a JSON object.");
    c.fail("Invalid request body.");
  }
  for (const key of Object.keys(body)) {
    if (IMMUTABLE.includes(key)) c.add(key, "read_only", `${key} cannot be changed through the API.`);
    else if (key !== "roles" && key !== "install_ids")
      c.add(key, "unknown_field", `${key} is not a recognized field.`);
  }
  const roles = rolesField(c, body);
  const installIds = installIdsField(c, body);
  c.throwIfAny("Invalid account user update.");
  return installIds === undefined ? { roles } : { roles, install_ids: installIds };
}

/** Checks a backup body `{description, notification_emails[]}`: a description and at least one valid email. */
export function parseNewBackup(body: unknown): NewBackup {
  const c: Collector = new Collector("Backup");
  if (!isObj(body)) {
    c.add("body", "invalid", "The body must be a JSON object.");
    c.fail("Invalid request body.");
  }
  unknownFields(c, body, ["description", "notification_emails"]);
  const description = requiredText(c, body, "description", 1000);
  const emails = body.notification_emails;
  let list: string[] = [];
  if (emails === undefined || emails === null)
    c.add("notification_emails", "required", "notification_emails is required.");
  else if (!Array.isArray(emails))
    c.add("notification_emails", "invalid", "notification_emails must be an array.");
  else if (emails.length === 0)
    c.add("notification_emails", "blank", "notification_emails needs at least one address.");
  else if (!emails.every(isEmail))
    c.add("notification_emails", "invalid", "notification_emails has an invalid address.");
  else list = emails;
  c.throwIfAny("Invalid backup request.");
  return { description, notification_emails: list };
}

function bodyObject(c: Collector, body: unknown): Obj {
  if (!isObj(body)) {
    c.add("body", "invalid", "The body must be a JSON object.");
    c.fail("Invalid request body.");
  }
  return body;
}

/** Checks a create-site body `{name, account_id}`. */
export function parseNewSite(body: unknown): NewSite {
  const c: Collector = new Collector("Site");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["name", "account_id"]);
  const name = requiredText(c, o, "name");
  const accountId = requiredText(c, o, "account_id");
  if (accountId !== "" && !isUuid(accountId)) c.add("account_id", "invalid", "account_id must be a UUID.");
  c.throwIfAny("Invalid site.");
  return { name, account_id: accountId };
}

/** Checks a site PATCH body `{name}`: the name is the only thing the API lets change. */
export function parseSiteChange(body: unknown): string {
  const c: Collector = new Collector("Site");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["name"]);
  const name = requiredText(c, o, "name");
  c.throwIfAny("Invalid site update.");
  return name;
}

/** Checks a create-SSH-key body `{public_key}` (the key itself is judged by the store). */
export function parseNewSshKey(body: unknown): string {
  const c: Collector = new Collector("SshKey");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["public_key"]);
  const key = requiredText(c, o, "public_key", 16_384);
  c.throwIfAny("Invalid SSH key.");
  return key;
}

const INSTALL_NAME = /^[a-z][a-z0-9]{2,13}$/;
const ENVIRONMENTS: readonly string[] = ["production", "staging", "development"];

function environmentField(c: Collector, o: Obj): InstallEnvironment | undefined {
  const v = o.environment;
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === "string" && ENVIRONMENTS.includes(v)) return v as InstallEnvironment;
  c.add("environment", "invalid", "environment must be production, staging, development or null.");
  return undefined;
}

function siteIdField(c: Collector, o: Obj): string | null | undefined {
  const v = o.site_id;
  if (v === undefined || v === null) return v;
  if (typeof v === "string" && isUuid(v)) return v;
  c.add("site_id", "invalid", "site_id must be a UUID.");
  return undefined;
}

/** Checks a create-install body `{name, account_id, site_id?, environment?}`. */
export function parseNewInstall(body: unknown): NewInstall {
  const c: Collector = new Collector("Install");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["name", "account_id", "site_id", "environment"]);
  const name = requiredText(c, o, "name");
  if (name !== "" && !INSTALL_NAME.test(name))
    c.add("name", "invalid", "name must be 3-14 lowercase letters and digits, starting with a letter.");
  const accountId = requiredText(c, o, "account_id");
  if (accountId !== "" && !isUuid(accountId)) c.add("account_id", "invalid", "account_id must be a UUID.");
  const siteId = siteIdField(c, o);
  const environment = environmentField(c, o);
  c.throwIfAny("Invalid install.");
  return { name, account_id: accountId, site_id: siteId ?? null, environment: environment ?? null };
}

/** Checks an install PATCH body: only `site_id` and `environment`. */
export function parseInstallChange(body: unknown): InstallChange {
  const c: Collector = new Collector("Install");
  const o = bodyObject(c, body);
  for (const key of Object.keys(o)) {
    if (key === "name" || key === "account_id")
      c.add(key, "read_only", `${key} cannot be changed through the API.`);
    else if (key !== "site_id" && key !== "environment")
      c.add(key, "unknown_field", `${key} is not a recognized field.`);
  }
  const siteId = siteIdField(c, o);
  const environment = environmentField(c, o);
  c.throwIfAny("Invalid install update.");
  return {
    ...(typeof siteId === "string" ? { site_id: siteId } : {}),
    ...(environment !== undefined ? { environment } : {}),
  };
}

const PURGE_TYPES: readonly string[] = ["object", "page", "cdn", "all"];

/** Checks a purge body `{type}`: one of object, page, cdn, all. */
export function parsePurge(body: unknown): CachePurgeRecord["type"] {
  const c: Collector = new Collector("PurgeCache");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["type"]);
  const type = o.type;
  if (type === undefined) c.add("type", "required", "type is required.");
  else if (typeof type !== "string" || !PURGE_TYPES.includes(type))
    c.add("type", "invalid", "type must be one of: object, page, cdn, all.");
  c.throwIfAny("Invalid cache purge.");
  return type as CachePurgeRecord["type"];
}

/** Checks an install copy body (ids, optional emails and custom options). */
export function parseInstallCopy(body: unknown): Omit<InstallCopyRecord, "requested_at"> {
  const c: Collector = new Collector("InstallCopy");
  const o = bodyObject(c, body);
  unknownFields(c, o, [
    "source_environment_id",
    "destination_environment_id",
    "notification_emails",
    "custom_options",
  ]);
  const source = requiredText(c, o, "source_environment_id");
  const destination = requiredText(c, o, "destination_environment_id");
  for (const [field, value] of [
    ["source_environment_id", source],
    ["destination_environment_id", destination],
  ] as const) {
    if (value !== "" && !isUuid(value)) c.add(field, "invalid", `${field} must be a UUID.`);
  }
  const emails = o.notification_emails ?? [];
  if (!Array.isArray(emails) || !emails.every(isEmail))
    c.add("notification_emails", "invalid", "notification_emails must be an array of email addresses.");
  const options = o.custom_options ?? {};
  let includeFiles = true;
  let includeDb = true;
  let tables: string[] | null = null;
  if (!isObj(options)) c.add("custom_options", "invalid", "custom_options must be an object.");
  else {
    unknownFields(c, options, ["include_files", "include_db", "db_tables"]);
    if (options.include_files !== undefined && typeof options.include_files !== "boolean")
      c.add("custom_options.include_files", "invalid", "include_files must be true or false.");
    else includeFiles = options.include_files !== false;
    if (options.include_db !== undefined && typeof options.include_db !== "boolean")
      c.add("custom_options.include_db", "invalid", "include_db must be true or false.");
    else includeDb = options.include_db !== false;
    const t = options.db_tables;
    if (t !== undefined) {
      if (!Array.isArray(t) || !t.every((x) => typeof x === "string" && x !== ""))
        c.add("custom_options.db_tables", "invalid", "db_tables must be an array of table names.");
      else tables = t as string[];
    }
  }
  c.throwIfAny("Invalid install copy.");
  return {
    source_environment_id: source,
    destination_environment_id: destination,
    notification_emails: Array.isArray(emails) ? (emails as string[]) : [],
    include_files: includeFiles,
    include_db: includeDb,
    db_tables: tables,
  };
}

const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i;

/** Checks a create-domain body `{name, primary?, redirect_to?}`. */
export function parseNewDomain(body: unknown): {
  name: string;
  primary: boolean;
  redirect_to: string | null;
} {
  const c: Collector = new Collector("Domain");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["name", "primary", "redirect_to"]);
  const name = requiredText(c, o, "name");
  if (name !== "" && !HOSTNAME.test(name))
    c.add("name", "invalid", "name must be a host name such as example.com.");
  if (o.primary !== undefined && typeof o.primary !== "boolean")
    c.add("primary", "invalid", "primary must be true or false.");
  if (o.redirect_to !== undefined && (typeof o.redirect_to !== "string" || !isUuid(o.redirect_to)))
    c.add("redirect_to", "invalid", "redirect_to must be a domain id.");
  c.throwIfAny("Invalid domain.");
  return {
    name,
    primary: o.primary === true,
    redirect_to: typeof o.redirect_to === "string" ? o.redirect_to : null,
  };
}

/** Checks a bulk body `{domains: [{name, redirect_to?}]}` with 1 to 20 entries (redirects by name). */
export function parseBulkDomains(body: unknown): { name: string; redirect_to: string | null }[] {
  const c: Collector = new Collector("Domain");
  const o = bodyObject(c, body);
  unknownFields(c, o, ["domains"]);
  const list = o.domains;
  if (!Array.isArray(list) || list.length < 1 || list.length > 20) {
    c.add("domains", "invalid", "domains must list 1 to 20 domains.");
    c.fail("Invalid domains.");
  }
  const out = list.map((entry, i) => {
    if (!isObj(entry) || typeof entry.name !== "string" || !HOSTNAME.test(entry.name)) {
      c.add(`domains[${i}].name`, "invalid", "name must be a host name such as example.com.");
      return { name: "", redirect_to: null };
    }
    const redirect = typeof entry.redirect_to === "string" ? entry.redirect_to : null;
    return { name: entry.name, redirect_to: redirect };
  });
  c.throwIfAny("Invalid domains.");
  return out;
}

/** Checks a domain PATCH body `{primary?, redirect_to?, secure_all_urls?}`. */
export function parseDomainChange(body: unknown): {
  primary?: boolean;
  redirect_to?: string | null;
  secure_all_urls?: boolean;
} {
  const c: Collector = new Collector("Domain");
  const o = bodyObject(c, body);
  for (const key of Object.keys(o)) {
    if (key === "name") c.add(key, "read_only", "name cannot be changed; add the new domain instead.");
    else if (!["primary", "redirect_to", "secure_all_urls"].includes(key))
      c.add(key, "unknown_field", `${key} is not a recognized field.`);
  }
  for (const key of ["primary", "secure_all_urls"]) {
    if (o[key] !== undefined && typeof o[key] !== "boolean")
      c.add(key, "invalid", `${key} must be true or false.`);
  }
  if (
    o.redirect_to !== undefined &&
    o.redirect_to !== null &&
    (typeof o.redirect_to !== "string" || !isUuid(o.redirect_to))
  )
    c.add("redirect_to", "invalid", "redirect_to must be a domain id or null.");
  c.throwIfAny("Invalid domain update.");
  return {
    ...(typeof o.primary === "boolean" ? { primary: o.primary } : {}),
    ...(o.redirect_to !== undefined ? { redirect_to: o.redirect_to as string | null } : {}),
    ...(typeof o.secure_all_urls === "boolean" ? { secure_all_urls: o.secure_all_urls } : {}),
  };
}

/**
 * Checks a certificate order (the CertificateOrder schema). The contract documents no 400 for this
 * operation; a malformed order answers 400 all the same, as an unlisted status (the client validates
 * orders before sending, so it never meets one).
 */
export function parseCertificateOrder(body: unknown): void {
  const c: Collector = new Collector("CertificateOrder");
  const o = bodyObject(c, body);
  unknownFields(c, o, [
    "email_address",
    "given_name",
    "family_name",
    "region_code",
    "state",
    "city",
    "phone",
  ]);
  const email = requiredText(c, o, "email_address");
  if (email !== "" && !isEmail(email))
    c.add("email_address", "invalid", "email_address is not a valid email address.");
  requiredText(c, o, "given_name");
  requiredText(c, o, "family_name");
  const region = requiredText(c, o, "region_code");
  if (region !== "" && !/^[A-Z]{2}$/.test(region))
    c.add("region_code", "invalid", "region_code must be two capital letters.");
  c.throwIfAny("Invalid certificate order.");
}
