/** The DomainCertificate provider shim, a module of its own so that `__provider` can be a `require` of it (see ../shim.ts). */
import { shimFor } from "../shim";

export = shimFor("DomainCertificate");
