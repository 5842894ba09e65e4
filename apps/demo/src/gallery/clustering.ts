import {
  ColumnDataSource,
  column,
  type Document,
  figure,
  row,
  Select,
  Slider,
  type Title,
} from "@fastify-bokeh/document";
import { ALGORITHMS, clusterColumns, DATASETS } from "./data/clustering.js";

export const description =
  "Clustering computed on the server (k-means or DBSCAN, in TypeScript) over generated datasets; Selects and Sliders choose the algorithm, data, size and clusters.";

/** Python Bokeh's "clustering" app, with the algorithms written in TypeScript instead of scikit-learn. */
export function clustering(doc: Document): void {
  const algorithm = new Select({ title: "Algorithm", value: "KMeans", options: [...ALGORITHMS], name: "algorithm" });
  const data = new Select({
    title: "Dataset",
    value: "Noisy Circles",
    options: Object.keys(DATASETS),
    name: "dataset",
  });
  const samples = new Slider({
    title: "Number of samples",
    start: 100,
    end: 1000,
    step: 100,
    value: 500,
    name: "samples",
  });
  const clusters = new Slider({ title: "Number of clusters", start: 1, end: 8, step: 1, value: 2, name: "clusters" });

  const compute = () => clusterColumns(String(algorithm.value), String(data.value), samples.value, clusters.value);
  const source = new ColumnDataSource({ data: compute(), name: "source" });
  const plot = figure({
    width: 500,
    height: 500,
    toolbar_location: null,
    title: "KMeans on Noisy Circles",
    name: "plot",
  });
  plot.scatter("x", "y", { source, color: "color", alpha: 0.6, size: 5 });

  const update = (): void => {
    source.data = compute();
    (plot.title as Title).text = `${String(algorithm.value)} on ${String(data.value)}`;
    // DBSCAN finds the number of clusters itself.
    clusters.disabled = algorithm.value === "DBSCAN";
  };
  for (const widget of [algorithm, data]) widget.on_change("value", update);
  for (const slider of [samples, clusters]) slider.on_change("value", update);

  doc.add_root(row([column([algorithm, data, samples, clusters], { width: 300 }), plot], { name: "layout" }));
  doc.title = "Clustering";
}
