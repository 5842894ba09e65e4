import type { ListeningAddress } from "../core/origin.js";

/** The URL of each app, as bokeh serve prints them ("Bokeh app running at: …"), on the first listening address. */
export function appUrls(
  listenAddress: string,
  addresses: readonly ListeningAddress[],
  port: number,
  prefix: string,
  paths: readonly string[],
): string[] {
  const [address] = addresses;
  const host =
    listenAddress === "localhost" || address === undefined
      ? "localhost"
      : address.address.includes(":")
        ? `[${address.address}]`
        : address.address;
  return paths.map((path) => `http://${host}:${address?.port ?? port}${prefix}${path}`);
}
