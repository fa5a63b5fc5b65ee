/**
 * Zod schemas for every request and response the client uses, after the Swagger 2.0 contract
 * (`wpengine-api-swagger.json`, v1.10.0). Response objects strip unknown fields, so new API
 * fields do not break the client, while a missing required field is an error. Fields the contract
 * leaves optional or nullable are optional here too: absent stays absent (`undefined`), never
 * becomes an empty value, so the layers above can tell "not reported" from "none". One odd value in
 * one item (an unknown role) never fails a whole list. Types are derived with `z.infer`/`z.output`
 * so schema and type cannot drift apart.
 */
import { z } from "zod";
import { ROLE_VALUES, type Role, tryParseRole } from "./roles";

/** Matches the textual form of a UUID (any version), as the API's path parameters use. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in textual form. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/*
 * Deliberately loose: it only catches obvious mistakes (no "@", spaces). The API is the authority
 * on what an acceptable address is and answers 400 with a field error otherwise.
 */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/**
 * A role the API answered that is none of the five it accepts on write (e.g. `"billing"` alone),
 * kept verbatim (trimmed). It is typed apart from {@link Role} so it can never be sent back as one.
 */
export type UnrecognizedRole = string & {
  /** A compile-time mark only (never present at run time): keeps it apart from {@link Role}. */
  readonly __unrecognizedRole: true;
};

/** An account user's role as read: canonical when recognised, verbatim otherwise. */
export type RoleAsRead = Role | UnrecognizedRole;

/** Whether a role as read is one of the five canonical roles. */
export function isRecognizedRole(role: RoleAsRead): role is Role {
  return (ROLE_VALUES as readonly string[]).includes(role);
}

/**
 * A role as the API reads it back (any order/spacing), transformed to the canonical {@link Role};
 * an unknown role is kept verbatim as an {@link UnrecognizedRole} instead of failing the answer, so
 * one user with an odd role cannot break the refresh of a whole account.
 */
export const RoleSchema = z
  .string()
  .transform((text): RoleAsRead => tryParseRole(text) ?? (text.trim() as UnrecognizedRole));

// ---- Responses -------------------------------------------------------------------------------

/** `GET /status` (no auth). */
export const StatusSchema = z.object({
  success: z.boolean().optional(),
  created_on: z.string().optional(),
});
/** The API status. */
export type Status = z.output<typeof StatusSchema>;

/** `GET /user`: the user behind the credentials. */
export const UserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone_number: z.string().nullish(),
});
/** The user behind the credentials. */
export type User = z.output<typeof UserSchema>;

/** An account (`GET /accounts`, `GET /accounts/{id}`). */
export const AccountSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  nickname: z.string(),
});
/** A WP Engine account. */
export type Account = z.output<typeof AccountSchema>;

/** An install the way an account user lists it (the contract requires neither field). */
export const AccountUserInstallSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().optional(),
});

/** An install of a partial user, as far as the API reported it. */
export interface AccountUserInstall {
  id: string;
  /** The install's name, when the API reported it. */
  name?: string | undefined;
}

/*
 * `installs` is optional and nullable. Absent, null, or with an entry that has no id, the answer does
 * not say which installs the user has: `undefined` ("not reported"), never an empty list.
 */
const AccountUserInstallsSchema = z
  .array(AccountUserInstallSchema)
  .nullish()
  .transform((list): AccountUserInstall[] | undefined => {
    if (list == null || list.some((i) => i.id === undefined)) return undefined;
    return list.map((i) => ({ id: i.id as string, ...(i.name === undefined ? {} : { name: i.name }) }));
  });

/** An account user, with `roles` in canonical form. */
export const AccountUserSchema = z.object({
  user_id: z.string().min(1),
  account_id: z.string().min(1),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  invite_accepted: z.boolean(),
  mfa_enabled: z.boolean(),
  roles: RoleSchema,
  last_owner: z.boolean().nullish(),
  installs: AccountUserInstallsSchema.optional(),
});
/**
 * An account user; `roles` is canonical when recognised. `installs` is `undefined` when the answer
 * did not report them, `last_owner` when the API did not say.
 */
export type AccountUser = z.output<typeof AccountUserSchema>;

/**
 * `GET /accounts/{id}/account_users`: documented unpaged. `next` and `count` are read only to detect
 * an answer that is paged after all. `results` is required although the contract does not say so:
 * a body without it cannot be told from an account without users, and reading it as one would drop
 * every user from the state.
 */
export const AccountUserListSchema = z.object({
  results: z.array(AccountUserSchema),
  next: z.string().nullish(),
  count: z.number().int().nonnegative().nullish(),
});

/** `POST /accounts/{id}/account_users` answers 201 with this. */
export const CreateAccountUserResponseSchema = z.object({
  message: z.string().optional(),
  account_user: AccountUserSchema,
});

/** `PATCH /accounts/{id}/account_users/{user_id}` answers 200 with this (same shape as create). */
export const UpdateAccountUserResponseSchema = CreateAccountUserResponseSchema;

const EnvironmentSchema = z.enum(["production", "staging", "development"]).nullable();

/** A site (`GET /sites`, `GET /sites/{id}`). */
/** `{id}` of the account a site or install belongs to; the contract does not require the id. */
const AccountRefSchema = z.object({ id: z.string().min(1).optional() });

export const SiteSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  account: AccountRefSchema,
  group_name: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  created_at: z.string().optional(),
  sandbox: z.boolean().optional(),
  transferable: z.boolean().optional(),
  installs: z
    .array(
      z.object({
        id: z.string().min(1).optional(),
        name: z.string().optional(),
        environment: EnvironmentSchema.optional(),
        cname: z.string().optional(),
        php_version: z.string().nullish(),
        is_multisite: z.boolean().nullish(),
      }),
    )
    .optional(),
});
/** A site. */
export type Site = z.output<typeof SiteSchema>;

/** An install (`GET /installs`, `GET /installs/{id}`). */
export const InstallationSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  account: AccountRefSchema,
  php_version: z.string().nullable(),
  status: z.string().optional(),
  site: z.object({ id: z.string().min(1) }).nullish(),
  cname: z.string().optional(),
  stable_ips: z.array(z.string()).nullish(),
  environment: EnvironmentSchema.optional(),
  primary_domain: z.string().nullish(),
  is_multisite: z.boolean().nullish(),
  created_at: z.string().optional(),
  wp_version: z.string().nullish(),
});
/** An install (WordPress environment). */
export type Installation = z.output<typeof InstallationSchema>;

/** `POST /installs` body. */
export const CreateInstallBodySchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9]{2,13}$/),
  account_id: z.uuid(),
  site_id: z.uuid().optional(),
  environment: EnvironmentSchema.optional(),
});

/** `PATCH /installs/{install_id}` body: only the site and the environment change. */
export const UpdateInstallBodySchema = z.object({
  site_id: z.uuid().optional(),
  environment: EnvironmentSchema.optional(),
});

/** `GET /accounts/{account_id}/limits`: plan limits; every field optional and nullable. */
export const AccountLimitsSchema = z.object({
  visitors: z.number().int().nullish(),
  storage: z.number().int().nullish(),
  bandwidth: z.number().int().nullish(),
});
/** An account's plan limits. */
export type AccountLimits = z.output<typeof AccountLimitsSchema>;

/** A domain of an install (`/installs/{id}/domains`). */
export const DomainSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  duplicate: z.boolean(),
  primary: z.boolean(),
  secure_all_urls: z.boolean(),
  redirects_to: z.array(z.object({ id: z.string().optional(), name: z.string().optional() })).nullish(),
  network_type: z.string().optional(),
});
/** A domain. */
export type Domain = z.output<typeof DomainSchema>;

/** `POST /installs/{install_id}/domains` body. */
export const CreateDomainBodySchema = z.object({
  name: z.string().min(1),
  primary: z.boolean().optional(),
  redirect_to: z.uuid().optional(),
});

/** `PATCH /installs/{install_id}/domains/{domain_id}` body. */
export const UpdateDomainBodySchema = z.object({
  primary: z.boolean().optional(),
  redirect_to: z.uuid().nullable().optional(),
  secure_all_urls: z.boolean().optional(),
});

/** `POST .../domains/{domain_id}/ssl_certificate` body: the certificate holder. */
export const CertificateOrderSchema = z.object({
  email_address: z.email(),
  given_name: z.string().min(1),
  family_name: z.string().min(1),
  region_code: z.string().regex(/^[A-Z]{2}$/),
  state: z.string().min(1).optional(),
  city: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
});
/** A certificate order as the API takes it. */
export type CertificateOrder = z.infer<typeof CertificateOrderSchema>;

/**
 * `GET .../domains/{domain_id}/ssl_certificate`. Deliberately without `cert_info`: the API may answer
 * the certificate's PRIVATE KEY there, and nothing of it may reach a state file or a log, so it is
 * dropped here, at the boundary.
 */
export const DomainCertificateSchema = z.object({
  cert_name: z.string().optional(),
  certificate: z
    .object({
      id: z.number().optional(),
      common_name: z.string().optional(),
      status: z.string().optional(),
      ordered_time: z.string().optional(),
      approved_time: z.string().optional(),
      expires_time: z.string().optional(),
    })
    .optional(),
});
/** A domain's certificate, private key removed. */
export type DomainCertificate = z.output<typeof DomainCertificateSchema>;

/** Cache types `POST /installs/{install_id}/purge_cache` takes. */
export const PURGE_TYPES = ["object", "page", "cdn", "all"] as const;

/** `POST /installs/{install_id}/purge_cache` body. */
export const PurgeCacheBodySchema = z.object({ type: z.enum(PURGE_TYPES) });

/** `POST /install_copy` body. */
export const CopyInstallBodySchema = z.object({
  source_environment_id: z.uuid(),
  destination_environment_id: z.uuid(),
  notification_emails: z.array(z.email()).optional(),
  custom_options: z
    .object({
      include_files: z.boolean().optional(),
      include_db: z.boolean().optional(),
      db_tables: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});
/** An install copy request as the API takes it. */
export type CopyInstallBody = z.infer<typeof CopyInstallBodySchema>;

/** `POST /sites` body. */
export const CreateSiteBodySchema = z.object({ name: z.string().min(1), account_id: z.uuid() });

/** `PATCH /sites/{site_id}` body: the name is all the API lets change. */
export const UpdateSiteBodySchema = z.object({ name: z.string().min(1) });

/**
 * An SSH key of the API credentials' person (`/ssh_keys`). The contract requires none of its fields;
 * the provider identifies a key by `uuid`, else by `fingerprint`.
 */
export const SshKeySchema = z.object({
  uuid: z.string().min(1).optional(),
  fingerprint: z.string().min(1).optional(),
  comment: z.string().nullish(),
  created_at: z.string().optional(),
});
/** An SSH key. */
export type SshKey = z.output<typeof SshKeySchema>;

/** `POST /ssh_keys` body. */
export const CreateSshKeyBodySchema = z.object({ public_key: z.string().min(1) });

/** The states a backup goes through, as documented. */
export const BACKUP_STATUSES = ["requested", "initiated", "completed", "aborted"] as const;

/** A documented backup state. */
export type DocumentedBackupStatus = (typeof BACKUP_STATUSES)[number];

/**
 * A backup's state as the client reports it: a documented one, or `unknown` when the answer had none
 * or one the contract does not list (read as "not finished": only `completed` and `aborted` end a wait).
 */
export type BackupStatus = DocumentedBackupStatus | "unknown";

/**
 * The Backup body (`POST /installs/{id}/backups` answers 202 with one; `GET` reads one). The contract
 * requires neither field, so both are optional; an id is kept whatever its form.
 */
export const BackupBodySchema = z.object({
  id: z.string().min(1).optional().catch(undefined),
  status: z
    .unknown()
    .optional()
    .transform((v): BackupStatus => {
      const text = typeof v === "string" ? v.trim().toLowerCase() : "";
      return (BACKUP_STATUSES as readonly string[]).includes(text)
        ? (text as DocumentedBackupStatus)
        : "unknown";
    }),
});

/** A requested backup: `id` is null when the 202 did not name one (the backup was requested anyway). */
export interface RequestedBackup {
  id: string | null;
  status: BackupStatus;
}

/** A backup and its status. */
export interface Backup {
  id: string;
  status: BackupStatus;
}

/**
 * The envelope of a paged list: `{previous, next, count, results}`. Only `results` is required (see
 * `AccountUserListSchema` for why a list without it is refused).
 */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    previous: z.string().nullish(),
    next: z.string().nullish(),
    count: z.number().int().nonnegative().nullish(),
    results: z.array(item),
  });
}

/*
 * Error bodies are parsed leniently: a malformed error body must never hide the status behind a
 * validation error, so every field error part falls back to "".
 */
const lenientText = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === "string" ? v : v == null ? "" : String(v)));

/** One entry of an error body's `errors`. */
export const FieldErrorSchema = z.object({
  resource: lenientText,
  field: lenientText,
  type: lenientText,
  code: lenientText,
  message: lenientText,
});
/** One field-level error of an API error body. */
export type FieldError = z.output<typeof FieldErrorSchema>;

/** An API error body: `{message, documentation_url?, errors?}`. */
export const ApiErrorBodySchema = z.object({
  message: z.string(),
  documentation_url: z.string().optional().catch(undefined),
  errors: z.array(FieldErrorSchema).catch([]),
});
/** A parsed API error body. */
export type ApiErrorBody = z.output<typeof ApiErrorBodySchema>;

// ---- Requests --------------------------------------------------------------------------------

const uuid = z.string().regex(UUID_PATTERN, "must be a UUID");
const email = z.string().trim().regex(EMAIL_PATTERN, "must be an email address");
const nonBlank = z.string().trim().min(1, "must not be empty");
const RoleValueSchema = z.enum(ROLE_VALUES);
const installIds = z.array(nonBlank).optional();

/* install_ids scope a partial user; with any other role the API would ignore or reject them. */
function installIdsNeedPartial(body: { roles: Role; install_ids?: string[] | undefined }): boolean {
  return (
    (body.install_ids?.length ?? 0) === 0 || body.roles === "partial" || body.roles === "partial,billing"
  );
}
const installIdsIssue = {
  message: 'install_ids can only be given with a partial role ("partial" or "partial,billing")',
  path: ["install_ids"],
};

/** Body of `POST /accounts/{id}/account_users`. */
export const CreateAccountUserBodySchema = z.object({
  user: z
    .object({
      account_id: uuid,
      first_name: nonBlank,
      last_name: nonBlank,
      email,
      roles: RoleValueSchema,
      install_ids: installIds,
    })
    .refine(installIdsNeedPartial, installIdsIssue),
});
/** The body sent to create an account user. */
export type CreateAccountUserBody = z.output<typeof CreateAccountUserBodySchema>;

/** Body of `PATCH /accounts/{id}/account_users/{user_id}`: only roles and installs can change. */
export const UpdateAccountUserBodySchema = z
  .object({ roles: RoleValueSchema, install_ids: installIds })
  .refine(installIdsNeedPartial, installIdsIssue);
/** The body sent to change an account user. */
export type UpdateAccountUserBody = z.output<typeof UpdateAccountUserBodySchema>;

/** Body of `POST /installs/{id}/backups`. */
export const CreateBackupBodySchema = z.object({
  description: nonBlank,
  notification_emails: z.array(email).min(1, "needs at least one address"),
});
/** The body sent to request a backup. */
export type CreateBackupBody = z.output<typeof CreateBackupBodySchema>;
