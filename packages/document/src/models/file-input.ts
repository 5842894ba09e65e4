import { ServerEvent } from "../core/bokeh-events.js";
import type { Document } from "../document/document.js";
import { FileInput } from "./generated/widgets.js";

declare module "./generated/widgets.js" {
  interface FileInput {
    /** Clears the file(s) chosen in the browsers (a `clear_input` event; `value` cannot be assigned). */
    clear(): void;
  }
}

FileInput.prototype.clear = function (this: FileInput): void {
  (this.document as Document | null)?.send_event(new ServerEvent("clear_input", { model: this }));
};
