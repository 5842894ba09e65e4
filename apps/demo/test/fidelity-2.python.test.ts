import { fidelitySuite } from "./helpers/python-fidelity.js";

// Python model classes 2, 6, 10, … (sorted by name) through bokeh.client; see helpers/python-fidelity.ts.
fidelitySuite(1);
