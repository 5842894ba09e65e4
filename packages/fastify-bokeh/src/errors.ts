import createError from "@fastify/error";

/** An option given to the core plugin or to `bokehApp` is invalid; the message names it. */
export const FST_BOKEH_INVALID_OPTION = createError<[string, string]>(
  "FST_BOKEH_INVALID_OPTION",
  "Invalid fastify-bokeh option '%s': %s",
  500,
  TypeError,
);

/** Two applications were registered at the same path. */
export const FST_BOKEH_DUPLICATE_APP = createError<[string]>(
  "FST_BOKEH_DUPLICATE_APP",
  "A Bokeh application is already registered at '%s'",
  500,
);

/** Signed sessions were asked for without a secret key. */
export const FST_BOKEH_NO_SECRET_KEY = createError(
  "FST_BOKEH_NO_SECRET_KEY",
  "signSessions needs a secretKey (option or BOKEH_SECRET_KEY environment variable)",
  500,
);

/** A second core plugin was registered for the same HTTP server (e.g. in two sibling scopes). */
export const FST_BOKEH_DUPLICATE_CORE = createError(
  "FST_BOKEH_DUPLICATE_CORE",
  "fastify-bokeh's core is already registered for this server (bokehApp registers one when it finds none); register bokehCore once, before the apps, in a scope that contains all of them",
  500,
);

/** The `redis` option could not be used: a wrong URL, Redis unreachable, or the Redis store package missing. */
export const FST_BOKEH_REDIS = createError<[string]>("FST_BOKEH_REDIS", "%s", 500);

export const FST_BOKEH_MISSING_PACKAGE = createError<[string, string, string]>(
  "FST_BOKEH_MISSING_PACKAGE",
  "%s needs the %s package; install it in your project (npm i %s)",
  500,
);
