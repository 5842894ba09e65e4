import {
  type Axis,
  CheckboxGroup,
  ColumnDataSource,
  column,
  DataTable,
  Div,
  type Document,
  type Figure,
  figure,
  HoverTool,
  MultiChoice,
  NumberFormatter,
  RangeSlider,
  row,
  Select,
  Slider,
  TableColumn,
  TextInput,
  type Title,
} from "@fastify-bokeh/document";
import { itemAt } from "./data/item-at.js";
import { GENRES, type Movie, MPAA, movies } from "./data/movies.js";

export const description =
  "A synthetic movie database filtered by ten widgets, shown as a scatter with hover and as a DataTable.";

/** The columns the axes can show, by their axis label. */
export const AXES: Readonly<Record<string, keyof Movie>> = {
  "Tomato Meter": "meter",
  "Numeric Rating": "rating",
  "Number of Reviews": "reviews",
  "Box Office (millions)": "boxOffice",
  "Length (minutes)": "runtime",
  Year: "year",
};

/** Every criterion the widgets set; `movieFilter` turns it into a predicate. */
export interface MovieCriteria {
  minReviews: number;
  years: readonly [number, number];
  minOscars: number;
  minBoxOffice: number;
  /** Empty: every genre. */
  genres: readonly string[];
  mpaa: readonly string[];
  director: string;
  cast: string;
}

export function movieFilter(c: MovieCriteria): (movie: Movie) => boolean {
  const director = c.director.trim().toLowerCase();
  const cast = c.cast.trim().toLowerCase();
  return (m) =>
    m.reviews >= c.minReviews &&
    m.year >= c.years[0] &&
    m.year <= c.years[1] &&
    m.oscars >= c.minOscars &&
    m.boxOffice >= c.minBoxOffice &&
    (c.genres.length === 0 || c.genres.includes(m.genre)) &&
    c.mpaa.includes(m.mpaa) &&
    (director === "" || m.director.toLowerCase().includes(director)) &&
    (cast === "" || m.cast.toLowerCase().includes(cast));
}

/** The ten filter widgets, named as the browser tests find them. */
function filterWidgets(axisNames: string[]) {
  const reviews = new Slider({
    title: "Minimum number of reviews",
    value: 30,
    start: 10,
    end: 300,
    step: 10,
    name: "reviews",
  });
  const years = new RangeSlider({
    title: "Year released",
    value: [1970, 2024],
    start: 1970,
    end: 2024,
    step: 1,
    name: "years",
  });
  const oscars = new Slider({
    title: "Minimum number of Oscar wins",
    value: 0,
    start: 0,
    end: 4,
    step: 1,
    name: "oscars",
  });
  const boxOffice = new Slider({
    title: "Box office (millions)",
    value: 0,
    start: 0,
    end: 400,
    step: 10,
    name: "box_office",
  });
  const genres = new MultiChoice({ title: "Genres (none: all)", options: [...GENRES], value: [], name: "genres" });
  const mpaa = new CheckboxGroup({ labels: [...MPAA], active: MPAA.map((_, i) => i), inline: true, name: "mpaa" });
  const director = new TextInput({
    title: "Director name contains",
    value: "",
    placeholder: "a director's name",
    name: "director",
  });
  const cast = new TextInput({ title: "Cast names contains", value: "", placeholder: "an actor's name", name: "cast" });
  const xAxis = new Select({ title: "X Axis", options: axisNames, value: "Tomato Meter", name: "x_axis" });
  const yAxis = new Select({ title: "Y Axis", options: axisNames, value: "Number of Reviews", name: "y_axis" });
  return { reviews, years, oscars, boxOffice, genres, mpaa, director, cast, xAxis, yAxis };
}

/** The scatter of the selected movies, with hover tooltips. */
function moviesPlot(source: ColumnDataSource): Figure {
  const plot = figure({ height: 500, width: 700, title: "", toolbar_location: null, name: "plot" });
  plot.scatter("x", "y", { source, size: 7, color: "color", line_color: null, fill_alpha: "alpha" });
  plot.toolbar.tools = [
    new HoverTool({
      tooltips: [
        ["Title", "@title"],
        ["Year", "@year"],
        ["Director", "@director"],
        ["$", "@box_office{0,0.0}M"],
      ],
    }),
  ];

  return plot;
}

/** The table of the selected movies. */
function moviesTable(source: ColumnDataSource): DataTable {
  return new DataTable({
    // Reordering columns needs jquery-ui, which BokehJS does not bundle.
    reorderable: false,
    source,
    width: 1000,
    height: 280,
    index_position: null,
    name: "table",
    columns: [
      new TableColumn({ field: "title", title: "Title", width: 200 }),
      new TableColumn({ field: "year", title: "Year", width: 60 }),
      new TableColumn({ field: "genre", title: "Genre", width: 100 }),
      new TableColumn({ field: "mpaa", title: "MPAA", width: 60 }),
      new TableColumn({ field: "director", title: "Director", width: 150 }),
      new TableColumn({ field: "rating", title: "Rating", width: 60 }),
      new TableColumn({ field: "meter", title: "Meter", width: 60 }),
      new TableColumn({ field: "reviews", title: "Reviews", width: 70 }),
      new TableColumn({
        field: "box_office",
        title: "Box office",
        width: 100,
        formatter: new NumberFormatter({ format: "$0,0.0" }),
      }),
    ],
  });
}

/** The source's columns for the movies shown, with the chosen columns as x and y. */
function movieColumns(shown: readonly Movie[], x: keyof Movie, y: keyof Movie): Record<string, unknown[]> {
  return {
    x: shown.map((m) => m[x]),
    y: shown.map((m) => m[y]),
    title: shown.map((m) => m.title),
    year: shown.map((m) => m.year),
    genre: shown.map((m) => m.genre),
    mpaa: shown.map((m) => m.mpaa),
    director: shown.map((m) => m.director),
    rating: shown.map((m) => m.rating),
    meter: shown.map((m) => m.meter),
    reviews: shown.map((m) => m.reviews),
    box_office: shown.map((m) => m.boxOffice),
    color: shown.map((m) => (m.oscars > 0 ? "orange" : "grey")),
    alpha: shown.map((m) => (m.oscars > 0 ? 0.9 : 0.3)),
  };
}

/** Python Bokeh's "movies" gallery app: every widget change refilters on the server and replaces the source's data. */
export function moviesApp(doc: Document): void {
  const all = movies();
  const w = filterWidgets(Object.keys(AXES));
  const count = new Div({ text: "", name: "count" });
  const source = new ColumnDataSource({ data: {}, name: "source" });
  const plot = moviesPlot(source);

  const update = (): void => {
    const keep = movieFilter({
      minReviews: w.reviews.value as number,
      years: w.years.value as [number, number],
      minOscars: w.oscars.value as number,
      minBoxOffice: w.boxOffice.value as number,
      genres: w.genres.value,
      mpaa: w.mpaa.active.map((i) => itemAt(MPAA, i)),
      director: w.director.value_input,
      cast: w.cast.value_input,
    });
    const shown = all.filter(keep);
    (plot.below[0] as Axis).axis_label = String(w.xAxis.value);
    (plot.left[0] as Axis).axis_label = String(w.yAxis.value);
    (plot.title as Title).text = `${shown.length} movies selected`;
    count.text = `<b>${shown.length}</b> of ${all.length} movies selected`;
    source.data = movieColumns(shown, AXES[String(w.xAxis.value)] ?? "meter", AXES[String(w.yAxis.value)] ?? "reviews");
  };

  for (const slider of [w.reviews, w.oscars, w.boxOffice]) slider.on_change("value", update);
  w.years.on_change("value", update);
  w.genres.on_change("value", update);
  w.mpaa.on_change("active", update);
  // The text filters apply as the user types.
  w.director.on_change("value_input", update);
  w.cast.on_change("value_input", update);
  w.xAxis.on_change("value", update);
  w.yAxis.on_change("value", update);
  update();

  const widgets = Object.values(w);
  for (const widget of widgets) widget.width = 280;
  const inputs = column(widgets, { width: 300 });
  doc.add_root(column([row([inputs, plot]), count, moviesTable(source)], { name: "layout" }));
  doc.title = "Movies";
}
