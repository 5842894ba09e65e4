/**
 * bokeh's auth hooks (`--auth-module`) in JavaScript naming: `get_user` → `getUser`, `get_login_url` →
 * `getLoginUrl`, `login_url` → `loginUrl`, `logout_url` → `logoutUrl`; `LoginHandler` and `LogoutHandler` stay
 * classes, Tornado's RequestHandler becoming a class with a method per HTTP verb taking Fastify's request and reply.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";

/** One HTTP verb of a login or logout handler. */
export type AuthRouteMethod = (request: FastifyRequest, reply: FastifyReply) => unknown;

export const HANDLER_VERBS = ["get", "post", "put", "patch", "delete"] as const;
type HandlerVerb = (typeof HANDLER_VERBS)[number];

/** A login or logout route: instantiated per request, as Tornado does with a RequestHandler. */
export type AuthRouteHandler = new () => Partial<Record<HandlerVerb, AuthRouteMethod>>;

export interface AuthHooks {
  /**
   * The user of a request (bokeh's `get_user`, or `get_user_async` when it returns a promise); a falsy value means
   * nobody is logged in.
   */
  readonly getUser?: (request: FastifyRequest) => unknown;
  /** Where to send a browser nobody is logged in with, per request; not with `loginUrl`. */
  readonly getLoginUrl?: (request: FastifyRequest) => string;
  /** Where to send a browser nobody is logged in with; relative URLs are below the server's prefix. */
  readonly loginUrl?: string;
  /** Served at `loginUrl` (which must then be relative). */
  readonly LoginHandler?: AuthRouteHandler;
  readonly logoutUrl?: string;
  /** Served at `logoutUrl` (which must then be relative). */
  readonly LogoutHandler?: AuthRouteHandler;
}

/** Absolute (`https://…`, `//host/…`) rather than relative to the server. */
export const isAbsoluteUrl = (url: string): boolean => /^([a-z][a-z\d+.-]*:)?\/\//i.test(url);

function check(condition: boolean, name: string, problem: string): void {
  if (!condition) throw new FST_BOKEH_INVALID_OPTION(name, problem);
}

/** bokeh's AuthProvider rules: what may go together, and what each hook must be. */
export function validateAuthHooks(hooks: AuthHooks): void {
  for (const name of ["getUser", "getLoginUrl", "LoginHandler", "LogoutHandler"] as const)
    check(hooks[name] === undefined || typeof hooks[name] === "function", name, "must be a function (or class)");
  for (const name of ["loginUrl", "logoutUrl"] as const)
    check(hooks[name] === undefined || typeof hooks[name] === "string", name, "must be a string");
  check(
    hooks.getUser === undefined || hooks.loginUrl !== undefined || hooks.getLoginUrl !== undefined,
    "getUser",
    "needs loginUrl or getLoginUrl, to send anonymous browsers somewhere",
  );
  check(hooks.loginUrl === undefined || hooks.getLoginUrl === undefined, "loginUrl", "cannot go with getLoginUrl");
  check(hooks.LoginHandler === undefined || hooks.getLoginUrl === undefined, "LoginHandler", "needs loginUrl");
  check(
    hooks.LoginHandler === undefined || (hooks.loginUrl !== undefined && !isAbsoluteUrl(hooks.loginUrl)),
    "LoginHandler",
    "needs a relative loginUrl",
  );
  check(
    hooks.LogoutHandler === undefined || (hooks.logoutUrl !== undefined && !isAbsoluteUrl(hooks.logoutUrl)),
    "LogoutHandler",
    "needs a relative logoutUrl",
  );
}
