/** `GET /status` and `GET /user`. */
import { json } from "../http";
import { OPERATIONS } from "../operations";
import type { Route } from "./context";

/** The API's status: always healthy in the emulator (faults simulate outages). */
export const statusRoute: Route = {
  operation: OPERATIONS.status,
  handle: () =>
    json(200, { success: true, created_on: new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00") }),
};

/** The person behind the credentials. */
export const currentUserRoute: Route = {
  operation: OPERATIONS.getCurrentUser,
  handle: ({ store }) => {
    const person = store.currentUser();
    return json(200, {
      id: person.id,
      first_name: person.first_name,
      last_name: person.last_name,
      email: person.email,
      phone_number: person.phone_number,
    });
  },
};
