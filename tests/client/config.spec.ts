import assert from "node:assert/strict";
import {
  DEFAULT_API_URL,
  isLoopbackHost,
  resolveClientConfig,
  validateApiUrl,
} from "../../provider/client/config";
import { ConfigurationError } from "../../provider/client/errors";

const FULL_ENV = {
  WPENGINE_API_URL: "https://env.example.com/v1",
  WPENGINE_API_USER_ID: "env-user",
  WPENGINE_API_PASSWORD: "env-password",
};

describe("config", () => {
  it("prefers explicit (stack config) values over the environment", () => {
    const config = resolveClientConfig(
      { apiUrl: "https://explicit.example.com/v1", apiUserId: "explicit-user", apiPassword: "explicit-pw" },
      FULL_ENV,
    );
    assert.deepEqual(config, {
      apiUrl: "https://explicit.example.com/v1",
      apiUserId: "explicit-user",
      apiPassword: "explicit-pw",
    });
  });

  it("falls back to the WPENGINE_* environment variables, treating blank explicit values as unset", () => {
    const config = resolveClientConfig({ apiUrl: "  ", apiUserId: "", apiPassword: "" }, FULL_ENV);
    assert.deepEqual(config, {
      apiUrl: "https://env.example.com/v1",
      apiUserId: "env-user",
      apiPassword: "env-password",
    });
  });

  it("defaults the URL to the production API", () => {
    const config = resolveClientConfig({ apiUserId: "u", apiPassword: "p" }, {});
    assert.equal(config.apiUrl, DEFAULT_API_URL);
    assert.equal(DEFAULT_API_URL, "https://api.wpengineapi.com/v1");
  });

  it("names the stack config key and the environment variable of a missing password", () => {
    assert.throws(
      () => resolveClientConfig({ apiUserId: "u" }, {}),
      (err: Error) =>
        err instanceof ConfigurationError &&
        err.message.includes("pulumi config set --secret wpengine:apiPassword") &&
        err.message.includes("WPENGINE_API_PASSWORD") &&
        !err.message.includes("WPENGINE_API_USER_ID"),
    );
  });

  it("names both settings when the user id and the password are missing", () => {
    assert.throws(
      () => resolveClientConfig({}, {}),
      (err: Error) =>
        err instanceof ConfigurationError &&
        ["wpengine:apiUserId", "WPENGINE_API_USER_ID", "wpengine:apiPassword", "WPENGINE_API_PASSWORD"].every(
          (s) => err.message.includes(s),
        ),
    );
  });

  it("refuses plain http to a non-loopback host and says how to fix it", () => {
    for (const url of [
      "http://api.wpengineapi.com/v1",
      "http://127.example.com/v1",
      "http://localhost.evil.test/",
    ]) {
      assert.throws(
        () => resolveClientConfig({ apiUrl: url, apiUserId: "u", apiPassword: "p" }, {}),
        (err: Error) =>
          err instanceof ConfigurationError &&
          err.message.includes("wpengine:apiUrl") &&
          err.message.includes("WPENGINE_API_URL") &&
          err.message.includes("https://"),
        url,
      );
    }
  });

  it("allows plain http to loopback hosts, for the local emulator", () => {
    for (const url of [
      "http://127.0.0.1:8080/v1",
      "http://127.9.8.7/v1",
      "http://localhost:3000/v1",
      "http://[::1]:4000/v1",
    ]) {
      assert.equal(validateApiUrl(url), url, url);
    }
  });

  it("strips a trailing slash so paths join cleanly", () => {
    assert.equal(validateApiUrl("https://api.example.com/v1/"), "https://api.example.com/v1");
  });

  it("refuses a URL with embedded credentials without echoing them", () => {
    assert.throws(
      () => validateApiUrl("https://user:hunter2-secret@api.example.com/v1"),
      (err: Error) => err instanceof ConfigurationError && !err.message.includes("hunter2-secret"),
    );
  });

  it("refuses unparseable URLs and other schemes", () => {
    assert.throws(() => validateApiUrl("not a url"), ConfigurationError);
    assert.throws(() => validateApiUrl("ftp://api.example.com/v1"), /only https:\/\//);
  });

  it("knows which hosts are loopback", () => {
    assert.deepEqual(
      ["localhost", "127.0.0.1", "127.255.0.1", "[::1]", "::1", "128.0.0.1", "example.com", "0.0.0.0"].map(
        isLoopbackHost,
      ),
      [true, true, true, true, true, false, false, false],
    );
  });
});
