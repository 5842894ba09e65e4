import {
  BoxSelectTool, BoxZoomTool, CopyTool, CrosshairTool, ExamineTool, FullscreenTool, HelpTool, HoverTool, LassoSelectTool,
  PanTool, PolySelectTool, RedoTool, ResetTool, SaveTool, TapTool, UndoTool, WheelZoomTool, ZoomInTool, ZoomOutTool,
  type Tool,
} from "../models/generated/index.js";

type Dimensions = "both" | "width" | "height";

/** Bokeh's tool names (as in `tools="pan,wheel_zoom"`), each a factory for a fresh tool. */
const TOOLS: Readonly<Record<string, () => Tool>> = {
  pan: () => new PanTool(),
  xpan: () => new PanTool({ dimensions: "width" as Dimensions }),
  ypan: () => new PanTool({ dimensions: "height" as Dimensions }),
  wheel_zoom: () => new WheelZoomTool(),
  xwheel_zoom: () => new WheelZoomTool({ dimensions: "width" as Dimensions }),
  ywheel_zoom: () => new WheelZoomTool({ dimensions: "height" as Dimensions }),
  box_zoom: () => new BoxZoomTool(),
  xbox_zoom: () => new BoxZoomTool({ dimensions: "width" as Dimensions }),
  ybox_zoom: () => new BoxZoomTool({ dimensions: "height" as Dimensions }),
  zoom_in: () => new ZoomInTool(),
  zoom_out: () => new ZoomOutTool(),
  box_select: () => new BoxSelectTool(),
  xbox_select: () => new BoxSelectTool({ dimensions: "width" as Dimensions }),
  ybox_select: () => new BoxSelectTool({ dimensions: "height" as Dimensions }),
  lasso_select: () => new LassoSelectTool(),
  poly_select: () => new PolySelectTool(),
  tap: () => new TapTool(),
  hover: () => new HoverTool(),
  crosshair: () => new CrosshairTool(),
  save: () => new SaveTool(),
  copy: () => new CopyTool(),
  reset: () => new ResetTool(),
  undo: () => new UndoTool(),
  redo: () => new RedoTool(),
  help: () => new HelpTool(),
  examine: () => new ExamineTool(),
  fullscreen: () => new FullscreenTool(),
};

export const TOOL_NAMES: readonly string[] = Object.keys(TOOLS);

/** The tool for a Bokeh tool name; throws, listing the known names, for anything else. */
export function toolFromName(name: string): Tool {
  const make = TOOLS[name];
  if (make === undefined) throw new Error(`unknown tool '${name}'; known tools: ${TOOL_NAMES.join(", ")}`);
  return make();
}
