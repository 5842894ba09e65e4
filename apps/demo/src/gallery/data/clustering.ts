import { Random } from "./random.js";

export type Point = [number, number];

/** The datasets of the clustering app, as generators of `n` points. */
export const DATASETS: Record<string, (n: number, random: Random) => Point[]> = {
  "Noisy Circles": (n, random) =>
    Array.from({ length: n }, (_, i) => {
      const angle = random.uniform(0, 2 * Math.PI);
      const r = i % 2 === 0 ? 1 : 0.5;
      return [r * Math.cos(angle) + random.normal(0, 0.05), r * Math.sin(angle) + random.normal(0, 0.05)];
    }),
  "Noisy Moons": (n, random) =>
    Array.from({ length: n }, (_, i) => {
      const angle = random.uniform(0, Math.PI);
      const [x, y] = i % 2 === 0 ? [Math.cos(angle), Math.sin(angle)] : [1 - Math.cos(angle), 0.5 - Math.sin(angle)];
      return [x + random.normal(0, 0.05), y + random.normal(0, 0.05)];
    }),
  Blobs: (n, random) => {
    const centers: Point[] = [
      [-5, -2],
      [0, 5],
      [5, -3],
    ];
    return Array.from({ length: n }, (_, i) => {
      const [cx, cy] = centers[i % centers.length] ?? [0, 0];
      return [cx + random.normal(0, 1), cy + random.normal(0, 1)];
    });
  },
  "No Structure": (n, random) => Array.from({ length: n }, () => [random.next(), random.next()]),
};

/** Points scaled to zero mean and unit variance on each axis (Python's app applies StandardScaler). */
function standardize(points: readonly Point[]): Point[] {
  const n = points.length;
  const scale = (values: number[]): number[] => {
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
    return values.map((v) => (v - mean) / sd);
  };
  const xs = scale(points.map(([x]) => x));
  const ys = scale(points.map(([, y]) => y));
  return xs.map((x, i) => [x, ys[i] ?? 0]);
}

/** A dataset's points, always the same for the same name and size. */
function dataset(name: string, n: number): Point[] {
  const make = DATASETS[name];
  if (make === undefined) throw new Error(`unknown dataset ${name}`);
  return standardize(make(n, new Random(n * 31 + name.length)));
}

const dist2 = (a: Point, b: Point): number => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** k-means++ seeding, so that the result does not depend on a lucky first guess. */
function seedCenters(points: readonly Point[], k: number, random: Random): Point[] {
  const centers: Point[] = [points[random.int(0, points.length - 1)] ?? [0, 0]];
  while (centers.length < k) {
    const weights = points.map((p) => Math.min(...centers.map((c) => dist2(p, c))));
    // A point drawn with probability proportional to its squared distance from the nearest center.
    let remaining = random.next() * weights.reduce((s, w) => s + w, 0);
    const chosen = points.find((_, i) => {
      remaining -= weights[i] ?? 0;
      return remaining <= 0;
    });
    centers.push(chosen ?? points[points.length - 1] ?? [0, 0]);
  }
  return centers;
}

/** Index of the center closest to a point. */
function nearest(point: Point, centers: readonly Point[]): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [i, center] of centers.entries()) {
    const d = dist2(point, center);
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  return best;
}

/** Lloyd's k-means: the cluster of each point. */
function kMeans(points: readonly Point[], k: number, maxIterations = 100): number[] {
  let centers = seedCenters(points, k, new Random(k));
  let labels = points.map(() => -1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const next = points.map((p) => nearest(p, centers));
    if (next.every((label, i) => label === labels[i])) break;
    labels = next;
    centers = centers.map((center, c) => {
      const members = points.filter((_, i) => labels[i] === c);
      if (members.length === 0) return center;
      return [
        members.reduce((s, p) => s + p[0], 0) / members.length,
        members.reduce((s, p) => s + p[1], 0) / members.length,
      ];
    });
  }
  return labels;
}

/** DBSCAN: clusters of densely packed points; -1 marks noise. */
function dbscan(points: readonly Point[], eps = 0.3, minPoints = 5): number[] {
  const labels = points.map(() => -2); // -2: not visited yet
  const neighbours = (point: Point): number[] => points.flatMap((p, j) => (dist2(point, p) <= eps * eps ? [j] : []));
  let cluster = 0;
  for (const [i, point] of points.entries()) {
    if (labels[i] !== -2) continue;
    const seeds = neighbours(point);
    if (seeds.length < minPoints) {
      labels[i] = -1;
      continue;
    }
    labels[i] = cluster;
    // The loop also visits the seeds pushed while it runs: the cluster grows through its core points.
    for (const j of seeds) {
      if (labels[j] === -1) labels[j] = cluster;
      if (labels[j] !== -2) continue;
      labels[j] = cluster;
      const more = neighbours(points[j] ?? point);
      if (more.length >= minPoints) seeds.push(...more);
    }
    cluster++;
  }
  return labels;
}

export const ALGORITHMS = ["KMeans", "DBSCAN"] as const;

/** Eight categorical colours (Category10 without grey and olive); noise is grey. */
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const NOISE_COLOR = "#bbbbbb";

/** The scatter's columns: the points and each point's cluster colour. */
export function clusterColumns(
  algorithm: string,
  name: string,
  n: number,
  k: number,
): { x: number[]; y: number[]; color: string[] } {
  const points = dataset(name, n);
  const labels = algorithm === "DBSCAN" ? dbscan(points) : kMeans(points, k);
  return {
    x: points.map((p) => p[0]),
    y: points.map((p) => p[1]),
    color: labels.map((label) => (label < 0 ? NOISE_COLOR : (COLORS[label % COLORS.length] ?? NOISE_COLOR))),
  };
}
