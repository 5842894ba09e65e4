export { type BokehAdminOptions, bokehAdmin } from "./admin/admin-plugin.js";
export { bokehApp } from "./app/bokeh-app.js";
export { loadAppModules } from "./cli/app-modules.js";
export type { ServeArgs } from "./cli/serve-args.js";
export { parseServeArgs, SERVE_FLAGS_HELP, ServeArgsError } from "./cli/serve-args.js";
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
