let counter = 1000;

/** Model ids in Bokeh's simple-id style (`p1001`): short, unique within the process, opaque to clients. */
export function nextModelId(): string {
  return `p${++counter}`;
}
