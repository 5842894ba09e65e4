import { Random } from "./random.js";

export interface Network {
  names: string[];
  /** The community of each node (0 or 1). */
  community: number[];
  /** Edges as [start, end] node indices. */
  edges: [number, number][];
}

const NAMES = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kai", "Liv"];

/** Two communities of 12 people, densely connected inside and by a few edges across; always the same network. */
export function clubNetwork(seed = 34): Network {
  const random = new Random(seed);
  const names = [...NAMES.map((n) => `${n} A`), ...NAMES.map((n) => `${n} B`)];
  const community = names.map((_, i) => (i < 12 ? 0 : 1));
  const edges: [number, number][] = [];
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      const p = community[a] === community[b] ? 0.3 : 0.03;
      if (random.next() < p || b === a + 1) edges.push([a, b]);
    }
  }
  return { names, community, edges };
}

interface Body {
  x: number;
  y: number;
  /** This iteration's displacement. */
  dx: number;
  dy: number;
}

/** Pushes two bodies apart (a positive force) or pulls them together (a negative one) along the line between them. */
function push(a: Body, b: Body, force: (distance: number) => number): void {
  const [dx, dy] = [a.x - b.x, a.y - b.y];
  const d = Math.max(1e-6, Math.hypot(dx, dy));
  const f = force(d);
  a.dx += (dx / d) * f;
  a.dy += (dy / d) * f;
  b.dx -= (dx / d) * f;
  b.dy -= (dy / d) * f;
}

/** Node positions from a force-directed layout (Fruchterman–Reingold), fitted into [-1, 1]². */
export function springLayout(network: Network, iterations = 200, seed = 1): [number, number][] {
  const random = new Random(seed);
  const bodies = network.names.map((): Body => ({ x: random.uniform(-1, 1), y: random.uniform(-1, 1), dx: 0, dy: 0 }));
  const k = Math.sqrt(4 / bodies.length);
  for (let it = 0; it < iterations; it++) {
    const temperature = 0.1 * (1 - it / iterations);
    for (const [i, a] of bodies.entries()) for (const b of bodies.slice(i + 1)) push(a, b, (d) => (k * k) / d);
    for (const [start, end] of network.edges) {
      const [a, b] = [bodies[start], bodies[end]];
      if (a !== undefined && b !== undefined) push(a, b, (d) => -(d * d) / k);
    }
    for (const body of bodies) {
      const length = Math.max(1e-6, Math.hypot(body.dx, body.dy));
      const step = Math.min(length, temperature);
      body.x += (body.dx / length) * step;
      body.y += (body.dy / length) * step;
      [body.dx, body.dy] = [0, 0];
    }
  }
  const extent = Math.max(...bodies.flatMap(({ x, y }) => [Math.abs(x), Math.abs(y)]));
  return bodies.map(({ x, y }) => [x / extent, y / extent]);
}

/** The edges' colours when `selected` nodes are chosen: their edges highlighted, the rest grey. */
export function edgeColors(network: Network, selected: readonly number[]): string[] {
  const chosen = new Set(selected);
  return network.edges.map(([a, b]) => (chosen.has(a) || chosen.has(b) ? "#e6550d" : "#cccccc"));
}

/** What the app says about a selection of nodes. */
export function describeSelection(network: Network, selected: readonly number[]): string {
  if (selected.length === 0) return "Tap a node to see its connections.";
  return selected
    .map((node) => {
      const neighbours = network.edges.flatMap(([a, b]) => (a === node ? [b] : b === node ? [a] : []));
      const names = neighbours.map((i) => network.names[i] ?? String(i)).sort();
      return `${network.names[node] ?? node} knows ${neighbours.length}: ${names.join(", ")}`;
    })
    .join("<br>");
}
