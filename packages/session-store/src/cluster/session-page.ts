import type { ServerSession } from "../session/server-session.js";
import type { SessionPage } from "./ownership.js";

/** What a page for `session` shows: its title and roots (with their names). */
export function describePage(session: ServerSession): SessionPage {
  return {
    title: session.document.title,
    roots: session.document.roots.map((root) => ({
      id: root.id,
      name: root.hasProperty("name") ? (root.getv("name") as string | null) : null,
    })),
    templateVariables: session.document.template_variables,
  };
}
