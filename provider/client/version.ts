/**
 * The package version sent in the `user-agent` header.
 *
 * It is a constant rather than a `require("../../package.json")` because Pulumi serializes the
 * dynamic provider (and the client with it) into the stack state: a relative `require` of a file
 * outside the compiled tree does not survive that. A unit test keeps it equal to package.json.
 */
export const PACKAGE_VERSION = "0.1.0";

/** The `user-agent` header value every request carries. */
export const USER_AGENT = `pulumi-wpengine/${PACKAGE_VERSION}`;
