"""The recorded scenarios, one module per theme; each scenario writes one or more files into the output folder."""
