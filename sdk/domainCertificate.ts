import * as pulumi from "@pulumi/pulumi";
import { importedFrom } from "./importing";
import { providerShim } from "./shim";

/** The holder named in a certificate order (personal data: kept secret in the state). */
export interface CertificateHolder {
  /** The holder's email address. */
  email: string;
  /** Given (first) name. */
  givenName: string;
  /** Family (last) name. */
  familyName: string;
  /** Two-letter ISO 3166-1 country code, e.g. `US`. */
  regionCode: string;
  /** State or region. */
  state?: string;
  /** City. */
  city?: string;
  /** Phone number. */
  phone?: string;
}

/** Arguments of a {@link DomainCertificate}. */
export interface DomainCertificateArgs {
  /** The install (UUID) of the domain. */
  installId: pulumi.Input<string>;
  /** The domain (its id, e.g. a `Domain` resource's `domainId`). */
  domainId: pulumi.Input<string>;
  /** Who the certificate is for. */
  holder: pulumi.Input<CertificateHolder>;
  /** Wait until WP Engine reports the certificate `ENABLED` (default true). */
  waitForIssue?: pulumi.Input<boolean>;
  /** How long to wait, in minutes (default 60). A timeout keeps the order in the state. */
  timeoutMinutes?: pulumi.Input<number>;
  /** Any values; when one changes a new certificate is ordered. */
  triggers?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

/**
 * Orders a certificate for a domain and waits, with backoff, until WP Engine issues it. A rejected or
 * cancelled certificate is ordered again by the next `up`; a timed-out wait is resumed. The holder's
 * details are secret outputs. The private key WP Engine may return is dropped by the client and never
 * reaches the state. WP Engine cannot revoke certificates: destroy only forgets the order.
 *
 * `{ import: "<installId>/<domainId>" }` adopts the certificate a domain already has (ordered in the
 * portal) with no write: preview fails when the domain has none or the id names another install or
 * domain than the program. WP Engine does not report the holder, so the declared one is recorded.
 */
export class DomainCertificate extends pulumi.dynamic.Resource {
  /** `SUBMITTED`, `ENABLED`, or a final status such as `REJECTED`, as WP Engine reports it. */
  declare readonly status: pulumi.Output<string>;
  /** The certificate's common name, or null until WP Engine reports it. */
  declare readonly commonName: pulumi.Output<string | null>;
  /** When the certificate expires (as WP Engine reports it), or null. */
  declare readonly expiresAt: pulumi.Output<string | null>;
  /** When it was ordered (ISO 8601); null for an imported certificate (WP Engine does not report it). */
  declare readonly orderedAt: pulumi.Output<string | null>;

  /** Declares a certificate order; see {@link DomainCertificateArgs}. */
  constructor(name: string, args: DomainCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const imported = importedFrom(opts);
    super(
      providerShim("DomainCertificate"),
      name,
      {
        ...args,
        // Personal data: secret in the inputs as well as the outputs, so the state holds ciphertext only.
        holder: pulumi.secret(args.holder),
        ...imported.importArgs,
        status: undefined,
        commonName: undefined,
        expiresAt: undefined,
        orderedAt: undefined,
      },
      {
        ...imported.opts,
        additionalSecretOutputs: [...(imported.opts?.additionalSecretOutputs ?? []), "holder"],
      },
      "wpengine",
      "DomainCertificate",
    );
  }
}
