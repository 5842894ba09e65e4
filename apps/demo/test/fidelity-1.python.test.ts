import { fidelitySuite } from "./helpers/python-fidelity.js";

// Python model classes 1, 5, 9, … (sorted by name) through bokeh.client; see helpers/python-fidelity.ts.
fidelitySuite(0);
