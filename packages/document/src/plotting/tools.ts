import {
  AreaVisuals,
  BoxAnnotation,
  BoxEditTool,
  BoxInteractionHandles,
  BoxSelectTool,
  BoxZoomTool,
  ClickPanTool,
  CopyTool,
  CrosshairTool,
  ExamineTool,
  FreehandDrawTool,
  FullscreenTool,
  HelpTool,
  HoverTool,
  type HoverToolProps,
  LassoSelectTool,
  PanTool,
  PointDrawTool,
  PolyAnnotation,
  PolyDrawTool,
  PolyEditTool,
  PolySelectTool,
  RedoTool,
  ResetTool,
  SaveTool,
  TapTool,
  type Tool,
  type Toolbar,
  UndoTool,
  WheelPanTool,
  WheelZoomTool,
  ZoomInTool,
  ZoomOutTool,
} from "../models/generated/index.js";
import { assignChanged, create } from "./assign.js";

/** The overlay Python Bokeh gives box tools: a dashed grey box with white handles. */
function boxOverlay(zoom: boolean): BoxAnnotation {
  const units = zoom
    ? ({ left_units: "canvas", right_units: "canvas", top_units: "canvas", bottom_units: "canvas" } as const)
    : { editable: true };
  return new BoxAnnotation({
    syncable: false,
    line_color: "black",
    line_alpha: 1,
    line_width: 2,
    line_dash: [4, 4],
    fill_color: "lightgrey",
    fill_alpha: 0.5,
    level: "overlay",
    visible: false,
    left: NaN,
    right: NaN,
    top: NaN,
    bottom: NaN,
    ...units,
    handles: new BoxInteractionHandles({
      all: new AreaVisuals({ fill_color: "white", hover_fill_color: "lightgray" }),
    }),
  });
}

/** The overlay Python Bokeh gives the lasso and polygon selection tools. */
const polyOverlay = (): PolyAnnotation =>
  new PolyAnnotation({
    syncable: false,
    level: "overlay",
    visible: false,
    xs: [],
    ys: [],
    editable: true,
    line_color: "black",
    line_alpha: 1,
    line_width: 2,
    line_dash: [4, 4],
    fill_color: "lightgrey",
    fill_alpha: 0.5,
  });

/** Bokeh's tool names (as in `tools: "pan,wheel_zoom"`), each a factory for a fresh tool made as Python makes it. */
const TOOLS: Readonly<Record<string, () => Tool>> = {
  pan: () => create(PanTool, { dimensions: "both" }),
  xpan: () => create(PanTool, { dimensions: "width" }),
  ypan: () => create(PanTool, { dimensions: "height" }),
  pan_left: () => create(ClickPanTool, { direction: "left" }),
  pan_right: () => create(ClickPanTool, { direction: "right" }),
  pan_up: () => create(ClickPanTool, { direction: "up" }),
  pan_down: () => create(ClickPanTool, { direction: "down" }),
  pan_west: () => create(ClickPanTool, { direction: "west" }),
  pan_east: () => create(ClickPanTool, { direction: "east" }),
  pan_north: () => create(ClickPanTool, { direction: "north" }),
  pan_south: () => create(ClickPanTool, { direction: "south" }),
  xwheel_pan: () => create(WheelPanTool, { dimension: "width" }),
  ywheel_pan: () => create(WheelPanTool, { dimension: "height" }),
  wheel_zoom: () => create(WheelZoomTool, { dimensions: "both" }),
  xwheel_zoom: () => create(WheelZoomTool, { dimensions: "width" }),
  ywheel_zoom: () => create(WheelZoomTool, { dimensions: "height" }),
  zoom_in: () => create(ZoomInTool, { dimensions: "both" }),
  xzoom_in: () => create(ZoomInTool, { dimensions: "width" }),
  yzoom_in: () => create(ZoomInTool, { dimensions: "height" }),
  zoom_out: () => create(ZoomOutTool, { dimensions: "both" }),
  xzoom_out: () => create(ZoomOutTool, { dimensions: "width" }),
  yzoom_out: () => create(ZoomOutTool, { dimensions: "height" }),
  click: () => create(TapTool, { behavior: "inspect" }),
  tap: () => new TapTool(),
  doubletap: () => create(TapTool, { gesture: "doubletap" }),
  crosshair: () => new CrosshairTool(),
  xcrosshair: () => create(CrosshairTool, { dimensions: "width" }),
  ycrosshair: () => create(CrosshairTool, { dimensions: "height" }),
  box_select: () => new BoxSelectTool({ overlay: boxOverlay(false) }),
  xbox_select: () => create(BoxSelectTool, { dimensions: "width", overlay: boxOverlay(false) }),
  ybox_select: () => create(BoxSelectTool, { dimensions: "height", overlay: boxOverlay(false) }),
  poly_select: () => new PolySelectTool({ overlay: polyOverlay() }),
  lasso_select: () => new LassoSelectTool({ overlay: polyOverlay() }),
  box_zoom: () => new BoxZoomTool({ dimensions: "both", overlay: boxOverlay(true) }),
  xbox_zoom: () => new BoxZoomTool({ dimensions: "width", overlay: boxOverlay(true) }),
  ybox_zoom: () => new BoxZoomTool({ dimensions: "height", overlay: boxOverlay(true) }),
  auto_box_zoom: () => create(BoxZoomTool, { dimensions: "auto", overlay: boxOverlay(true) }),
  save: () => new SaveTool(),
  copy: () => new CopyTool(),
  undo: () => new UndoTool(),
  redo: () => new RedoTool(),
  reset: () => new ResetTool(),
  help: () => new HelpTool(),
  examine: () => new ExamineTool(),
  fullscreen: () => new FullscreenTool(),
  box_edit: () => new BoxEditTool(),
  point_draw: () => new PointDrawTool(),
  poly_draw: () => new PolyDrawTool(),
  poly_edit: () => new PolyEditTool(),
  freehand_draw: () => new FreehandDrawTool(),
  hover: () => hoverTool(),
};

export const TOOL_NAMES: readonly string[] = Object.keys(TOOLS);

/** The tool for a Bokeh tool name; throws, listing the known names, for anything else. */
export function toolFromName(name: string): Tool {
  const make = TOOLS[name];
  if (make === undefined) throw new Error(`unknown tool '${name}'; known tools: ${TOOL_NAMES.join(", ")}`);
  return make();
}

/** A HoverTool as the `hover` tool name and the `tooltips` option of `figure()` make it. */
export function hoverTool(tooltips?: HoverToolProps["tooltips"]): HoverTool {
  return create(HoverTool, { tooltips });
}

/** Tool names as one comma-separated string, or a list of names and tool models. */
export type ToolsArg = string | readonly (Tool | string)[];

/**
 * The tools of `figure({tools, tooltips})`, and a map from each name given to the tool it made (for `active_*`).
 * `tooltips` go to the first HoverTool, or to a new one added at the end.
 */
export function resolveTools(
  tools: ToolsArg,
  tooltips: HoverToolProps["tooltips"] | undefined,
): { tools: Tool[]; byName: Map<string, Tool> } {
  const resolved: Tool[] = [];
  const byName = new Map<string, Tool>();
  const names: string[] = [];
  for (const item of typeof tools === "string" ? [tools] : tools) {
    if (typeof item === "string") names.push(...item.split(","));
    else resolved.push(item);
  }
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const tool = toolFromName(name);
    resolved.push(tool);
    byName.set(name, tool);
  }
  if (tooltips !== undefined) {
    const hover = resolved.find((tool): tool is HoverTool => tool instanceof HoverTool);
    if (hover !== undefined) assignChanged(hover, { tooltips });
    else resolved.push(hoverTool(tooltips));
  }
  return { tools: resolved, byName };
}

/** `active_drag` and friends: `"auto"`, `null`, a tool, or the name of a tool given in `tools`. */
export type ActiveToolArg = Tool | string | null;

export interface ActiveTools {
  readonly active_drag?: ActiveToolArg;
  readonly active_inspect?: ActiveToolArg | readonly Tool[];
  readonly active_scroll?: ActiveToolArg;
  readonly active_tap?: ActiveToolArg;
  readonly active_multi?: ActiveToolArg;
}

/** Sets the toolbar's active tools; names must be ones given in `tools`. */
export function setActiveTools(toolbar: Toolbar, byName: ReadonlyMap<string, Tool>, active: ActiveTools): void {
  for (const key of ["active_drag", "active_inspect", "active_scroll", "active_tap", "active_multi"] as const) {
    const value = active[key];
    if (value === undefined) continue;
    if (typeof value === "string" && value !== "auto") {
      const tool = byName.get(value);
      if (tool === undefined)
        throw new Error(`got unknown '${value}' for '${key}', which was not a name given in 'tools'`);
      assignChanged(toolbar, { [key]: tool });
    } else {
      assignChanged(toolbar, { [key]: value });
    }
  }
}
