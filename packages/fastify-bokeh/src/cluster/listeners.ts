/** The primary's listening sockets: on `localhost`, both loopback addresses, as Fastify listens. */
import { createServer, type Server, type Socket } from "node:net";
import type { ListeningAddress } from "../core/origin.js";

function listenOne(host: string, port: number, onConnection: (socket: Socket) => void): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(onConnection);
    server.once("error", reject);
    server.listen({ host, port }, () => {
      server.removeListener("error", reject);
      resolve(server);
    });
  });
}

function addressOf(server: Server): ListeningAddress {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("a TCP server without a TCP address");
  return { address: address.address, port: address.port };
}

/** Listens on `host:port` (for `localhost`: 127.0.0.1, and ::1 where this machine has it, on the same port). */
export async function listenAll(
  host: string,
  port: number,
  onConnection: (socket: Socket) => void,
): Promise<{ servers: Server[]; addresses: ListeningAddress[] }> {
  const first = await listenOne(host === "localhost" ? "127.0.0.1" : host, port, onConnection);
  const servers = [first];
  if (host === "localhost") {
    try {
      servers.push(await listenOne("::1", addressOf(first).port, onConnection));
    } catch {
      // No IPv6 loopback here: 127.0.0.1 serves localhost alone.
    }
  }
  return { servers, addresses: servers.map(addressOf) };
}
