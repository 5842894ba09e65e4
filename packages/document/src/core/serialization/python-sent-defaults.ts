/**
 * Properties Python Bokeh 3.9.2 sends in a model definition even while they hold their default: it serializes
 * every property it has read or set, and its constructors touch these. BokehJS has the same defaults, so sending
 * them changes nothing in a browser; we send them so that our documents match bokeh serve's byte for byte.
 * Model-valued defaults are not listed: those always travel (see `HasProps.serializableAttributes`).
 * Kept by hand; test/core/serialization/python-sent-defaults.test.ts checks it against Python Bokeh when present.
 */
export const PYTHON_SENT_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  AdaptiveTicker: ["mantissas"],
  AjaxDataSource: ["data"],
  BasicTicker: ["mantissas"],
  BoxSelectTool: ["renderers"],
  ColumnDataSource: ["data"],
  ContourColorBar: ["levels"],
  ContourRenderer: ["levels"],
  DatePicker: ["disabled_dates", "enabled_dates"],
  DateRangePicker: ["disabled_dates", "enabled_dates"],
  DatetimePicker: ["disabled_dates", "enabled_dates"],
  DatetimeRangePicker: ["disabled_dates", "enabled_dates"],
  DaysTicker: ["days"],
  FileInput: ["accept"],
  FixedTicker: ["minor_ticks", "ticks"],
  GridBox: ["cols", "rows"],
  GridPlot: ["cols", "rows"],
  HBox: ["cols"],
  HoverTool: ["renderers", "sort_by"],
  LassoSelectTool: ["renderers"],
  LogTicker: ["mantissas"],
  MercatorTicker: ["mantissas"],
  Metric: ["include"],
  MetricLength: ["include"],
  MonthsTicker: ["months"],
  MultipleDatePicker: ["disabled_dates", "enabled_dates"],
  MultipleDatetimePicker: ["disabled_dates", "enabled_dates"],
  PolyAnnotation: ["xs", "ys"],
  PolySelectTool: ["renderers"],
  ReciprocalMetric: ["include"],
  ReciprocalMetricLength: ["include"],
  Selection: ["indices", "line_indices"],
  ServerSentDataSource: ["data"],
  Stack: ["fields"],
  TapTool: ["renderers"],
  VBox: ["rows"],
  WheelZoomTool: ["renderers"],
  ZoomInTool: ["renderers"],
  ZoomOutTool: ["renderers"],
  "bokeh.models.dom.ColorRef": ["filter"],
  "bokeh.models.dom.ValueRef": ["filter"],
};
