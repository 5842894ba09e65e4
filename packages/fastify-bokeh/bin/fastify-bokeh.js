#!/usr/bin/env node
// Committed so that package managers can link the bin before `dist/` is built; the CLI itself lives in dist.
import "../dist/cli/serve.js";
