/**
 * The flags `fastify-bokeh serve` takes: bokeh serve 3.9.2's names, kinds and ranges, and their help text.
 */

/**
 * How a flag takes values: `int`/`string` one value, `append` one value per use, `list` every value up to the next
 * flag (`optional-list`: possibly none), `flag` none, `rest` every argument after it (bokeh's `--args`).
 */
export type FlagKind = "int" | "string" | "append" | "list" | "optional-list" | "flag" | "rest";

export const FLAGS: Readonly<Record<string, FlagKind>> = {
  "--port": "int",
  "--address": "string",
  "--host": "string",
  "--unix-socket": "string",
  "--log-level": "string",
  "--log-format": "string",
  "--log-file": "string",
  "--use-config": "string",
  "--args": "rest",
  "--show": "flag",
  "--allow-websocket-origin": "append",
  "--prefix": "string",
  "--ico-path": "string",
  "--keep-alive": "int",
  "--check-unused-sessions": "int",
  "--unused-session-lifetime": "int",
  "--stats-log-frequency": "int",
  "--mem-log-frequency": "int",
  "--use-xheaders": "flag",
  "--ssl-certfile": "string",
  "--ssl-keyfile": "string",
  "--session-ids": "string",
  "--auth-module": "string",
  "--enable-xsrf-cookies": "flag",
  "--exclude-headers": "list",
  "--exclude-cookies": "list",
  "--include-headers": "list",
  "--include-cookies": "list",
  "--cookie-secret": "string",
  "--index": "string",
  "--disable-index": "flag",
  "--disable-index-redirect": "flag",
  "--session-token-expiration": "int",
  "--websocket-max-message-size": "int",
  "--websocket-compression-level": "int",
  "--websocket-compression-mem-level": "int",
  "--glob": "flag",
  "--dev": "optional-list",
  "--num-procs": "int",
  "--redis-url": "string",
  "--metrics": "flag",
  "--admin": "flag",
  "--help": "flag",
  "-h": "flag",
  "--version": "flag",
};

/** The smallest (and largest) value each integer flag takes, as bokeh serve (and the core options) check them. */
export const INT_RANGES: Readonly<Record<string, readonly [number, number?]>> = {
  "--keep-alive": [0],
  "--check-unused-sessions": [1],
  "--unused-session-lifetime": [1],
  "--stats-log-frequency": [1],
  "--mem-log-frequency": [0],
  "--websocket-max-message-size": [1024],
  "--websocket-compression-level": [0, 9],
  "--websocket-compression-mem-level": [1, 9],
  "--session-token-expiration": [1],
  "--num-procs": [0, 256],
};

/** The flags part of the help text, shared by every command that takes them. */
export const SERVE_FLAGS_HELP = `  --port PORT                        port to listen on (default 5006; 0 picks a free one)
  --address ADDRESS                  address to listen on (default localhost, i.e. loopback only: unlike bokeh serve,
                                     which listens on every interface, apps reach the network only when asked,
                                     e.g. --address 0.0.0.0)
  --host ADDRESS                     another name for --address
  --unix-socket PATH                 listen on this unix socket instead (no --port, --address or TLS with it)
  --prefix PREFIX                    URL prefix for every route (pages, websockets, /static)
  --allow-websocket-origin HOST[:PORT]
                                     allowed websocket Origin, repeatable (default: the server's own host:port)
  --session-ids MODE                 unsigned, signed or external-signed (default: signed if BOKEH_SIGN_SESSIONS)
  --keep-alive MILLISECONDS          websocket ping interval, 0 disables (default 37000)
  --check-unused-sessions MILLISECONDS
                                     how often to look for unused sessions (default 17000)
  --unused-session-lifetime MILLISECONDS
                                     how long an unconnected session lives (default 15000)
  --websocket-max-message-size BYTES largest websocket message accepted (default 20 MiB)
  --websocket-compression-level LEVEL
                                     turn on permessage-deflate at this zlib level (0-9)
  --websocket-compression-mem-level LEVEL
                                     zlib memory level for compression (1-9)
  --index TEMPLATE                   a Jinja-syntax (Nunjucks) template for the index page, given prefix and items
  --disable-index                    do not serve the index of apps at /
  --disable-index-redirect           with a single app, show the index at / instead of redirecting to the app
  --ico-path PATH                    favicon.ico file to serve (default: fastify-bokeh's icon; none: no favicon)
  --session-token-expiration SECONDS how long a new session token can open a websocket (default 300)
  --include-headers NAME...          only these request headers go into session tokens
  --exclude-headers NAME...          these request headers stay out of session tokens
  --include-cookies NAME...          only these cookies go into session tokens
  --exclude-cookies NAME...          these cookies stay out of session tokens
  --ssl-certfile CERTFILE            serve HTTPS with this PEM certificate (chain); the key may be in it too
  --ssl-keyfile KEYFILE              the certificate's private key (its password: BOKEH_SSL_PASSWORD)
  --use-xheaders                     trust X-Forwarded-For and X-Forwarded-Proto for the client address and scheme
  --auth-module MODULE               a .js/.ts module with auth hooks (getUser, loginUrl or getLoginUrl, ...)
  --cookie-secret SECRET             the key of signed cookies (request.unsignCookie, reply.setCookie signed)
  --enable-xsrf-cookies              require the _xsrf cookie's value with every POST, PUT, PATCH and DELETE
  --log-level LEVEL                  trace, debug, info, warning, error or critical (default info)
  --log-format FORMAT                json, pretty, or a Python logging format such as '%(asctime)s %(message)s'
                                     (default: pretty on a terminal, else json)
  --log-file FILE                    append the log to this file instead of standard output
  --stats-log-frequency MILLISECONDS how often to log connection and session counts at debug level (default 15000)
  --mem-log-frequency MILLISECONDS   how often to log memory usage, 0 never (default 0)
  --use-config CONFIG                read settings from a YAML file (bokeh's settings names or flag names)
  --glob                             expand the app file arguments as glob patterns
  --show                             open the apps in a browser (BOKEH_BROWSER or BROWSER, else the system's)
  --dev [FILE...]                    reload the apps when their files or the modules they import change (and
                                     when the FILEs do); open pages reload themselves. Give apps before --dev
  --num-procs N                      worker processes behind the one port (default 1; 0: one per core)
  --redis-url URL                    share sessions with other processes through Redis (redis://host:port)
  --metrics                          serve Prometheus metrics at /metrics (behind the --auth-module hooks)
  --admin                            serve an admin page at /admin: sessions, memory, callback timings (with
                                     --metrics), behind the --auth-module hooks
  --args ...                         everything after it is handed to the apps (put it last)
  -h, --help                         show this help
  --version                          print the fastify-bokeh and BokehJS versions

Environment: BOKEH_SECRET_KEY (the signing key), BOKEH_SIGN_SESSIONS (yes/no), BOKEH_ALLOW_WS_ORIGIN
(comma-separated), BOKEH_SSL_CERTFILE, BOKEH_SSL_KEYFILE, BOKEH_SSL_PASSWORD, BOKEH_AUTH_MODULE,
BOKEH_COOKIE_SECRET, BOKEH_XSRF_COOKIES (yes/no), BOKEH_ICO_PATH.`;
