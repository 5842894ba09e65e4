import {
  Button,
  ColumnDataSource,
  column,
  type Document,
  type Figure,
  figure,
  HoverTool,
  Label,
  Slider,
} from "@fastify-bokeh/document";
import { FIRST_YEAR, gapminderCountries, gapminderYear, LAST_YEAR } from "./data/gapminder.js";

export const description =
  "Fertility against life expectancy of invented countries; a year Slider, and a Play button that animates the years with a periodic callback.";

const PLAY = "► Play";
const PAUSE = "❚❚ Pause";

/** The bubble chart, with the big year label behind the bubbles. */
function scatterPlot(source: ColumnDataSource, label: Label): Figure {
  const plot = figure({
    x_range: [1, 9],
    y_range: [20, 100],
    title: "Gapminder (synthetic data)",
    width: 800,
    height: 500,
    tools: "pan,wheel_zoom,reset",
    x_axis_label: "Children per woman (total fertility)",
    y_axis_label: "Life expectancy at birth (years)",
    name: "plot",
  });
  plot.add_layout(label);
  plot.scatter("fertility", "life", {
    source,
    size: "size",
    fill_color: "color",
    fill_alpha: 0.8,
    line_color: "#7c7e71",
    line_width: 0.5,
    line_alpha: 0.5,
    legend_field: "region",
  });
  plot.add_tools(new HoverTool({ tooltips: "@country", show_arrow: false, point_policy: "follow_mouse" }));
  plot.legend.location = "top_right";
  return plot;
}

/** Python Bokeh's "gapminder" app, over synthetic countries. */
export function gapminder(doc: Document): void {
  const countries = gapminderCountries();
  const source = new ColumnDataSource({ data: gapminderYear(countries, FIRST_YEAR), name: "source" });

  const label = new Label({
    x: 1.1,
    y: 18,
    text: String(FIRST_YEAR),
    text_font_size: "93px",
    text_color: "#eeeeee",
    name: "year_label",
  });
  const plot = scatterPlot(source, label);

  const slider = new Slider({
    start: FIRST_YEAR,
    end: LAST_YEAR,
    value: FIRST_YEAR,
    step: 1,
    title: "Year",
    name: "year",
  });
  slider.on_change("value", (_attr, _old, year) => {
    label.text = String(year);
    source.data = gapminderYear(countries, year as number);
  });

  const button = new Button({ label: PLAY, width: 80, name: "play" });
  let animation: number | undefined;
  // The periodic callback sets the slider like a user would, so its on_change callback redraws the year.
  const step = (): void => {
    slider.value = slider.value >= LAST_YEAR ? FIRST_YEAR : slider.value + 1;
  };
  button.on_event("button_click", () => {
    if (animation === undefined) {
      button.label = PAUSE;
      animation = doc.add_periodic_callback(step, 200);
    } else {
      button.label = PLAY;
      doc.remove_periodic_callback(animation);
      animation = undefined;
    }
  });

  doc.add_root(column([plot, column([slider, button])], { name: "layout" }));
  doc.title = "Gapminder";
}
