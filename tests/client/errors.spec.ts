import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  AmbiguousWriteError,
  ApiConnectionError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  errorFromResponse,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  WpEngineError,
} from "../../provider/client/errors";

const PATH = "/accounts/eeda3227-9a39-46ae-9e14-20958bb4e6c9/account_users";

describe("errors", () => {
  it("maps each status to its error class", () => {
    const cases: [number, new (...args: never[]) => ApiError][] = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [429, RateLimitError],
      [500, InternalServerError],
      [502, InternalServerError],
      [503, InternalServerError],
    ];
    for (const [status, cls] of cases) {
      const err = errorFromResponse({ status, method: "GET", path: "/x", body: { message: "m" } });
      assert.ok(err instanceof cls, `${status} -> ${err.name}`);
      assert.ok(err instanceof ApiError && err instanceof WpEngineError && err instanceof Error);
      assert.equal(err.name, cls.name);
      assert.equal(err.status, status);
    }
    const teapot = errorFromResponse({ status: 418, method: "GET", path: "/x", body: undefined });
    assert.equal(teapot.constructor, ApiError);
  });

  it("names method, path, status, the API's message, field errors and the request id", () => {
    const err = errorFromResponse({
      status: 400,
      method: "POST",
      path: PATH,
      requestId: "abc",
      body: {
        message: "Invalid user",
        errors: [
          {
            resource: "user",
            field: "email",
            type: "invalid_value",
            code: "invalid",
            message: "is not an email",
          },
        ],
      },
    });
    assert.equal(
      err.message,
      `POST ${PATH} failed: 400 Bad Request: Invalid user (user.email: invalid_value: is not an email) [request id abc]`,
    );
    assert.equal(err.apiMessage, "Invalid user");
    assert.equal(err.requestId, "abc");
    assert.deepEqual(err.fieldErrors, [
      {
        resource: "user",
        field: "email",
        type: "invalid_value",
        code: "invalid",
        message: "is not an email",
      },
    ]);
  });

  it("tells how to fix rejected credentials", () => {
    const err = errorFromResponse({
      status: 401,
      method: "GET",
      path: "/user",
      body: { message: "Bad Credentials" },
    });
    for (const s of [
      "wpengine:apiUserId",
      "wpengine:apiPassword",
      "WPENGINE_API_USER_ID",
      "WPENGINE_API_PASSWORD",
    ]) {
      assert.ok(err.message.includes(s), s);
    }
    assert.ok(err.message.startsWith("GET /user failed: 401 Unauthorized: Bad Credentials."));
  });

  it("keeps the Retry-After delay of a rate limit", () => {
    const err = errorFromResponse({
      status: 429,
      method: "GET",
      path: "/sites",
      body: undefined,
      retryAfterMs: 3000,
    });
    assert.ok(err instanceof RateLimitError);
    assert.equal(err.retryAfterMs, 3000);
    assert.match(err.message, /wait 3 s/);
  });

  it("still makes a useful error from a body that is not the documented shape", () => {
    const err = errorFromResponse({
      status: 502,
      method: "GET",
      path: "/sites",
      body: "<html>Bad gateway</html>",
    });
    assert.equal(err.message, "GET /sites failed: 502 Bad Gateway");
    assert.deepEqual(err.fieldErrors, []);
    const partial = errorFromResponse({
      status: 400,
      method: "GET",
      path: "/sites",
      body: { message: "Nope", errors: "not-a-list" },
    });
    assert.equal(partial.apiMessage, "Nope");
  });

  it("says how many attempts were made", () => {
    const err = errorFromResponse({
      status: 503,
      method: "GET",
      path: "/user",
      body: undefined,
      attempts: 6,
    });
    assert.match(err.message, /\(after 6 attempts\)/);
  });

  it("puts the class name in the stack header and keeps name out of the enumerable fields", () => {
    const err = errorFromResponse({
      status: 404,
      method: "GET",
      path: "/sites/x",
      body: { message: "Not Found" },
    });
    assert.ok(err.stack?.startsWith("NotFoundError: GET /sites/x failed: 404 Not Found"));
    assert.ok(!Object.keys(err).includes("name"));
  });

  it("serializes to a plain object of safe fields", () => {
    const err = errorFromResponse({
      status: 400,
      method: "POST",
      path: "/x",
      requestId: "r1",
      body: { message: "bad" },
    });
    const json = JSON.parse(JSON.stringify(err)) as Record<string, unknown>;
    assert.equal(json.name, "BadRequestError");
    assert.equal(json.status, 400);
    assert.equal(json.requestId, "r1");
    assert.equal(json.message, err.message);
  });

  it("keeps the underlying error of an ambiguous write as its cause", () => {
    const cause = new ApiConnectionError({
      method: "POST",
      path: "/x",
      code: "ECONNRESET",
      detail: "socket hang up",
    });
    const err = new AmbiguousWriteError({ method: "POST", path: "/x" }, cause, "Check first.");
    assert.equal(err.cause, cause);
    assert.match(err.message, /outcome of this write is unknown.*ECONNRESET.*Check first\./);
    assert.match(inspect(err), /\[cause\]: ApiConnectionError/);
    assert.equal((JSON.parse(JSON.stringify(err)) as { cause: { code: string } }).cause.code, "ECONNRESET");
  });
});
