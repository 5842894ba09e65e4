import { fidelitySuite } from "./helpers/python-fidelity.js";

// Python model classes 3, 7, 11, … (sorted by name) through bokeh.client; see helpers/python-fidelity.ts.
fidelitySuite(2);
