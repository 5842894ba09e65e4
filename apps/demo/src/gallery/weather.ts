import {
  ColumnDataSource,
  column,
  type Document,
  figure,
  Quad,
  row,
  Select,
  type Title,
} from "@fastify-bokeh/document";
import { CLIMATES, smooth, type WeatherYear, weatherYear } from "./data/weather.js";

export const description =
  "A year of synthetic daily temperatures; Selects switch the city (dataset) and raw or smoothed data.";

const DISTRIBUTIONS = ["Discrete", "Smoothed"] as const;
const HALF_DAY = 43_200_000;

/** The source's columns for one city: each day's bar spans its date ± half a day. */
function columns(year: WeatherYear, distribution: string): Record<string, number[]> {
  const pick = distribution === "Smoothed" ? (values: number[]) => smooth(values) : (values: number[]) => values;
  return {
    left: year.date.map((d) => d - HALF_DAY),
    right: year.date.map((d) => d + HALF_DAY),
    record_min: pick(year.record_min),
    average_min: pick(year.average_min),
    actual_min: pick(year.actual_min),
    actual_max: pick(year.actual_max),
    average_max: pick(year.average_max),
    record_max: pick(year.record_max),
  };
}

/** A city's synthetic year (each city has its own seed). */
export function cityYear(city: string): WeatherYear | undefined {
  const climate = CLIMATES[city];
  return climate === undefined ? undefined : weatherYear(climate, 100 + Object.keys(CLIMATES).indexOf(city));
}

/** Python Bokeh's "weather" gallery app, over invented cities. */
export function weather(doc: Document): void {
  // Every city's year is built once per session; switching only swaps the source's data.
  const years = new Map(
    Object.entries(CLIMATES).map(([name, climate], index) => [name, weatherYear(climate, 100 + index)] as const),
  );
  const cities = [...years.keys()];
  const first = years.entries().next();
  if (first.done === true) throw new Error("the weather app needs at least one city");
  const [firstCity, firstYear] = first.value;
  const city = new Select({ title: "City", value: firstCity, options: cities, name: "city" });
  const distribution = new Select({
    title: "Distribution",
    value: "Discrete",
    options: [...DISTRIBUTIONS],
    name: "distribution",
  });

  const source = new ColumnDataSource({ data: columns(firstYear, "Discrete"), name: "source" });
  const plot = figure({
    title: `Weather data for ${firstCity} (synthetic)`,
    x_axis_type: "datetime",
    width: 800,
    height: 500,
    tools: "xpan,xwheel_zoom,reset",
    y_axis_label: "Temperature (°C)",
    name: "plot",
  });
  plot.glyph(Quad, {
    left: "left",
    right: "right",
    bottom: "record_min",
    top: "record_max",
    source,
    color: "#f2e2c4",
    line_color: null,
  });
  plot.glyph(Quad, {
    left: "left",
    right: "right",
    bottom: "average_min",
    top: "average_max",
    source,
    color: "#c9a86a",
    line_color: null,
  });
  plot.glyph(Quad, {
    left: "left",
    right: "right",
    bottom: "actual_min",
    top: "actual_max",
    source,
    color: "#804d1f",
    line_color: null,
    alpha: 0.8,
  });

  const update = (): void => {
    const name = String(city.value);
    const year = years.get(name);
    if (year === undefined) return;
    (plot.title as Title).text = `Weather data for ${name} (synthetic)`;
    source.data = columns(year, String(distribution.value));
  };
  city.on_change("value", update);
  distribution.on_change("value", update);

  doc.add_root(row([column([city, distribution], { width: 200 }), plot], { name: "layout" }));
  doc.title = "Weather";
}
