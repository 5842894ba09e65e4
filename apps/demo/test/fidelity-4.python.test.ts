import { fidelitySuite } from "./helpers/python-fidelity.js";

// Python model classes 4, 8, 12, … (sorted by name) through bokeh.client; see helpers/python-fidelity.ts.
fidelitySuite(3);
