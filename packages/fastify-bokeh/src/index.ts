export { type BokehAdminOptions, bokehAdmin } from "./admin/admin-plugin.js";
export { bokehApp } from "./app/bokeh-app.js";
export type { AuthHooks, AuthRouteHandler, AuthRouteMethod } from "./auth/auth-hooks.js";
export { type BokehAuthOptions, bokehAuth } from "./auth/auth-plugin.js";
export { loadAppModules } from "./cli/app-modules.js";
export type { ServeArgs } from "./cli/serve-args.js";
export type { ServeAppContext, ServeApplication } from "./cli/app-argv.js";
export type { LogFormat, TlsFiles } from "./cli/serve-args.js";
export { parseServeArgs, ServeArgsError } from "./cli/serve-args.js";
export { SERVE_FLAGS_HELP } from "./cli/serve-flags.js";
export { buildServing, startServing } from "./cli/serve-run.js";
export { describeStartupFailure, type StartupFailure } from "./cli/startup-errors.js";
export { resolveNumProcs } from "./cluster/num-procs.js";
export { type ProcessesExit, type ProcessesOptions, runInProcesses } from "./cluster/run-processes.js";
export { ownerSlot } from "./cluster/session-owner.js";
export type { WorkerCoreOptions } from "./cluster/worker.js";
export type { BokehServer, Mount, TrackedSocket } from "./core/bokeh-server.js";
export { bokehCore, bokehServerOf } from "./core/core-plugin.js";
export type { ListeningAddress, OriginHost } from "./core/origin.js";
export { defaultAllowlist, isOriginAllowed, matchesOriginPattern, parseOrigin } from "./core/origin.js";
export {
  FST_BOKEH_DUPLICATE_APP,
  FST_BOKEH_DUPLICATE_CORE,
  FST_BOKEH_INVALID_OPTION,
  FST_BOKEH_NO_SECRET_KEY,
} from "./errors.js";
export type { BokehMetrics } from "./metrics/bokeh-metrics.js";
export type { BokehApplication, BokehAppOptions, SessionHook } from "./options/app-options.js";
export type { BokehCoreOptions, ServerContext, ServerHook, WebsocketCompression } from "./options/core-options.js";
export { DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE } from "./options/core-options.js";
export type { AppPageBlocks, AppPageTemplate, AppPageTemplateVariables, RenderedRoot } from "./page/app-page.js";
export type { EmbedTagCommonOptions, ServerDocumentOptions, ServerSessionOptions } from "./page/embed-tag.js";
export { serverDocument, serverSession } from "./page/embed-tag.js";
