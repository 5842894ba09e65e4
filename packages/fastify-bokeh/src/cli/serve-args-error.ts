/** A command line (or `--use-config` file) that cannot be served; the message says which flag and why. */
export class ServeArgsError extends Error {
  override readonly name = "ServeArgsError";
}
