/** `--auth-module`: loads the module of auth hooks (JavaScript or TypeScript) named on the command line. */
import { statSync } from "node:fs";
import type { AuthHooks } from "../auth/auth-hooks.js";
import { ServeArgsError } from "./serve-args-error.js";
import { importAppModule } from "./typescript-apps.js";

/** A hook export: taken when it is a function (or class), else left to validation to name. */
function hook<T>(value: unknown): T | undefined {
  // The hooks' signatures cannot be checked at run time; validateAuthHooks checks what can be.
  return value === undefined ? undefined : (value as T);
}

/** The module's named exports `getUser`, `getLoginUrl`, `loginUrl`, `logoutUrl`, `LoginHandler`, `LogoutHandler`. */
export async function loadAuthModule(path: string, cwd: string = process.cwd()): Promise<AuthHooks> {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new ServeArgsError(`--auth-module: no file exists at ${path}`);
  const mod = await importAppModule(path, path, cwd);
  if (mod.get_user !== undefined || mod.login_url !== undefined)
    throw new ServeArgsError(`--auth-module: ${path} uses Python names; export getUser, loginUrl, ... instead`);
  return {
    getUser: hook(mod.getUser),
    getLoginUrl: hook(mod.getLoginUrl),
    loginUrl: hook(mod.loginUrl),
    logoutUrl: hook(mod.logoutUrl),
    LoginHandler: hook(mod.LoginHandler),
    LogoutHandler: hook(mod.LogoutHandler),
  };
}
