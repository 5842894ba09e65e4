import { jsonForScript } from "../page/escape.js";

/** Where pages served under `--dev` listen for reloads (below the server's prefix). */
export const RELOAD_EVENTS_PATH = "/_dev/reload";

/** One server-sent event telling pages the server's code generation. */
export function reloadEvent(generation: number): string {
  return `event: reload\ndata: ${generation}\n\n`;
}

/**
 * The script `--dev` adds to every page: it listens to the server's reload events and reloads the page once the
 * server's code is newer than the page's (the first event, sent on connecting, catches a change made while the page
 * was loading). EventSource reconnects by itself should the connection drop.
 */
export function reloadScript(eventsUrl: string, generation: number): string {
  return `<script>
(function () {
  var source = new EventSource(${jsonForScript(eventsUrl)});
  source.addEventListener("reload", function (event) {
    if (event.data !== ${jsonForScript(String(generation))}) {
      source.close();
      window.location.reload();
    }
  });
})();
</script>
`;
}

/** `html` with `script` added at the end of its body. */
export function withScript(html: string, script: string): string {
  const end = html.lastIndexOf("</body>");
  return end === -1 ? `${html}${script}` : `${html.slice(0, end)}${script}${html.slice(end)}`;
}
