import {
  ANY_START,
  BOUNDARY_E,
  BOUNDARY_N,
  EXISTS_QUAD,
  FILLED_NEEDS_MIDDLE,
  FILLED_STARTS,
  KEEP,
  LOOK_N,
  LOOK_S,
  MIDDLE_Z_LEVEL,
  NO_MORE_STARTS,
  NO_STARTS_IN_ROW,
  START_BOUNDARY_E,
  START_BOUNDARY_N,
  START_BOUNDARY_S,
  START_BOUNDARY_W,
  START_E,
  START_N,
  Z_LEVEL,
} from "./cache.js";

type Turn = "left" | "right" | "straight";

/** Where the tracer is: in `quad`, heading `forward` (a point-index step) with `left` to its left. */
interface Location {
  quad: number;
  forward: number;
  left: number;
  isUpper: boolean;
  onBoundary: boolean;
}

/** Filled polygons as contourpy's `OuterOffset`: per polygon, its points and the offsets of its rings. */
export interface FilledPolygons {
  readonly points: Array<Array<[number, number]>>;
  readonly offsets: number[][];
}

/** What one tracing pass accumulates (pass 0 counts and clears starts; pass 1 writes points). */
class Pass {
  points: number[] = [];
  lineOffsets: number[] = [];
  outerOffsets: number[] = [];
  lookUpQuads: number[] = [];
  totalPointCount = 0;
  lineCount = 0;
  holeCount = 0;
  constructor(readonly index: 0 | 1) {}
}

/**
 * Marching squares over a grid of z values, producing contour lines and filled polygons point for point as
 * contourpy's serial generator does (one chunk, no mask, no quad-as-triangles, linear interpolation): the same
 * start points, directions, order of lines and polygons, and holes after their outer boundary.
 */
export class ContourTracer {
  private readonly cache: Uint32Array;
  private readonly nx: number;
  private readonly ny: number;
  private filled = false;
  private lower = 0;
  private upper = 0;

  constructor(
    private readonly x: Float64Array,
    private readonly y: Float64Array,
    private readonly z: Float64Array,
    shape: readonly [number, number],
  ) {
    [this.ny, this.nx] = shape;
    if (this.nx < 2 || this.ny < 2) throw new Error("x, y and z must all be at least 2x2 arrays");
    this.cache = new Uint32Array(this.nx * this.ny);
    this.initGrid();
  }

  /** Lines at `level`: all points, each line after the first preceded by a NaN point (contourpy's ChunkCombinedNan). */
  lines(level: number): Array<[number, number]> {
    this.filled = false;
    this.lower = this.upper = level;
    const pass = this.march();
    return pass === null ? [] : pairs(pass.points, 0, pass.points.length / 2);
  }

  /** The polygons between `lower` and `upper` (contourpy's OuterOffset). */
  filledPolygons(lower: number, upper: number): FilledPolygons {
    if (!(lower < upper)) throw new Error("upper_level must be larger than lower_level");
    this.filled = true;
    this.lower = lower;
    this.upper = upper;
    const pass = this.march();
    const out: FilledPolygons = { points: [], offsets: [] };
    if (pass === null) return out;
    for (let i = 0; i + 1 < pass.outerOffsets.length; i++) {
      const outerStart = at(pass.outerOffsets, i);
      const outerEnd = at(pass.outerOffsets, i + 1);
      const pointStart = at(pass.lineOffsets, outerStart);
      const pointEnd = at(pass.lineOffsets, outerEnd);
      out.points.push(pairs(pass.points, pointStart, pointEnd));
      out.offsets.push(pass.lineOffsets.slice(outerStart, outerEnd + 1).map((o) => o - pointStart));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Cache

  private has(quad: number, flag: number): boolean {
    return (at(this.cache, quad) & flag) !== 0;
  }

  private set(quad: number, flag: number): void {
    this.cache[quad] = at(this.cache, quad) | flag;
  }

  private clear(quad: number, flag: number): void {
    this.cache[quad] = at(this.cache, quad) & ~flag;
  }

  private zLevel(point: number): number {
    return at(this.cache, point) & Z_LEVEL;
  }

  private middleLevel(quad: number): number {
    return (at(this.cache, quad) & MIDDLE_Z_LEVEL) >> 2;
  }

  private boundaryS(quad: number): boolean {
    return this.has(quad - this.nx, BOUNDARY_N);
  }

  private boundaryW(quad: number): boolean {
    return this.has(quad - 1, BOUNDARY_E);
  }

  private toZLevel(z: number): number {
    return this.filled && z > this.upper ? 2 : z > this.lower ? 1 : 0;
  }

  private initGrid(): void {
    const { nx, ny } = this;
    for (let j = 0, quad = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, quad++) {
        let item = 0;
        if (i > 0 && j > 0) item |= EXISTS_QUAD;
        if ((i === 0 || i === nx - 1) && j > 0) item |= BOUNDARY_E;
        if ((j === 0 || j === ny - 1) && i > 0) item |= BOUNDARY_N;
        this.cache[quad] = item;
      }
    }
  }

  private setMiddleLevel(quad: number): number {
    const { nx } = this;
    const middle = 0.25 * (at(this.z, quad - nx - 1) + at(this.z, quad - nx) + at(this.z, quad - 1) + at(this.z, quad));
    const level = this.toZLevel(middle);
    this.set(quad, level << 2);
    return level;
  }

  /** The z-levels of every point and the start flags of every quad, for the current level(s). */
  private initLevelsAndStarts(): void {
    const { nx, ny } = this;
    let jFinalStart = -1;
    for (let j = 0; j < ny; j++) {
      let startInRow = false;
      let zNW = 0;
      let zSW = 0;
      for (let i = 0, quad = j * nx; i < nx; i++, quad++) {
        const zSE = j === 0 ? 0 : this.zLevel(quad - nx);
        this.cache[quad] = at(this.cache, quad) & KEEP;
        const zNE = this.toZLevel(at(this.z, quad));
        this.set(quad, zNE);
        if (this.has(quad, EXISTS_QUAD)) {
          if (this.filled) this.filledStarts(quad, `${zNW}${zNE}${zSW}${zSE}`);
          else this.lineStarts(quad, `${zNW}${zNE}${zSW}${zSE}`);
          startInRow ||= this.has(quad, ANY_START);
        }
        zNW = zNE;
        zSW = zSE;
      }
      if (startInRow) jFinalStart = j;
      else if (j > 0) this.set(1 + j * nx, NO_STARTS_IN_ROW);
    }
    if (jFinalStart < ny - 1) this.set(1 + (jFinalStart + 1) * nx, NO_MORE_STARTS);
  }

  private filledStarts(quad: number, config: string): void {
    const starts = FILLED_STARTS.get(config);
    if (starts === undefined) return;
    const middle = FILLED_NEEDS_MIDDLE.has(config) ? this.setMiddleLevel(quad) : -1;
    for (const start of starts) {
      if (start === "S" && this.boundaryS(quad)) this.set(quad, START_BOUNDARY_S);
      else if (start === "W" && this.boundaryW(quad)) this.set(quad, START_BOUNDARY_W);
      else if (start === "N" || (start === "mN0" && middle === 0) || (start === "mN2" && middle === 2))
        this.set(quad, START_N);
      else if (start === "E" || (start === "mE<2" && middle < 2) || (start === "mE>0" && middle > 0))
        this.set(quad, START_E);
    }
  }

  private lineStarts(quad: number, config: string): void {
    const boundaryN = this.has(quad, BOUNDARY_N);
    const boundaryE = this.has(quad, BOUNDARY_E);
    switch (config) {
      case "0001":
      case "0011":
        if (boundaryE) this.set(quad, START_BOUNDARY_E);
        break;
      case "0010":
      case "1010":
      case "1110":
        if (this.boundaryS(quad)) this.set(quad, START_BOUNDARY_S);
        break;
      case "0100":
        if (boundaryN) this.set(quad, START_BOUNDARY_N);
        else if (!boundaryE) this.set(quad, START_N);
        break;
      case "0101":
      case "0111":
        if (boundaryN) this.set(quad, START_BOUNDARY_N);
        break;
      case "0110": {
        const middle = this.setMiddleLevel(quad);
        if (boundaryN) this.set(quad, START_BOUNDARY_N);
        else if (!boundaryE && middle === 0) this.set(quad, START_N);
        if (this.boundaryS(quad)) this.set(quad, START_BOUNDARY_S);
        break;
      }
      case "1000":
      case "1100":
      case "1101":
        if (this.boundaryW(quad)) this.set(quad, START_BOUNDARY_W);
        break;
      case "1001": {
        const middle = this.setMiddleLevel(quad);
        if (boundaryE) this.set(quad, START_BOUNDARY_E);
        else if (!boundaryN && middle === 1) this.set(quad, START_E);
        if (this.boundaryW(quad)) this.set(quad, START_BOUNDARY_W);
        break;
      }
      case "1011":
        if (boundaryE) this.set(quad, START_BOUNDARY_E);
        else if (!boundaryN) this.set(quad, START_E);
        break;
    }
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Marching

  /** Both passes over the grid; the writing pass, or null when there is nothing at this level. */
  private march(): Pass | null {
    this.initLevelsAndStarts();
    let result: Pass | null = null;
    for (const index of [0, 1] as const) {
      const pass = new Pass(index);
      this.marchPass(pass);
      if (index === 0 && pass.totalPointCount === 0) return null;
      result = pass;
    }
    if (result !== null && result.lineCount > 0) {
      result.lineOffsets.push(result.totalPointCount);
      if (this.filled) result.outerOffsets.push(result.lineCount);
    }
    return result;
  }

  private marchPass(pass: Pass): void {
    const { nx, ny } = this;
    const ignoreHoles = this.filled && pass.index === 1;
    let jFinalStart = 1;
    for (let j = 1; j <= ny - 1; j++) {
      const rowStart = 1 + j * nx;
      if (this.has(rowStart, NO_MORE_STARTS)) break;
      if (this.has(rowStart, NO_STARTS_IN_ROW)) continue;
      const starts = (): number => (this.filled ? pass.lineCount - pass.holeCount : pass.lineCount);
      const before = starts();
      for (let quad = rowStart; quad < rowStart + nx - 1; quad++) {
        if (!this.has(quad, ANY_START)) continue;
        if (this.filled) this.filledFrom(quad, pass, ignoreHoles);
        else this.linesFrom(quad, pass);
      }
      if (starts() > before) jFinalStart = j;
      else this.set(rowStart, NO_STARTS_IN_ROW);
    }
    if (jFinalStart < ny - 1) this.set(1 + (jFinalStart + 1) * nx, NO_MORE_STARTS);
  }

  private filledFrom(quad: number, pass: Pass, ignoreHoles: boolean): void {
    const { nx } = this;
    if (this.has(quad, START_BOUNDARY_S))
      this.closedLineWithHoles(location(quad, 1, nx, this.zLevel(quad - nx - 1) === 2, true), pass);
    if (this.has(quad, START_BOUNDARY_W))
      this.closedLineWithHoles(location(quad, -nx, 1, this.zLevel(quad - 1) === 2, true), pass);
    if (this.has(quad, START_N))
      this.closedLineWithHoles(location(quad, -nx, 1, this.zLevel(quad - 1) > 0, false), pass);
    if (ignoreHoles) return;
    if (this.has(quad, START_E)) this.closedLine(location(quad, -1, -nx, this.zLevel(quad) > 0, false), true, pass);
  }

  private linesFrom(quad: number, pass: Pass): void {
    const { nx } = this;
    if (this.has(quad, START_BOUNDARY_S)) this.line(location(quad, nx, -1, false, true), pass);
    if (this.has(quad, START_BOUNDARY_W)) this.line(location(quad, 1, nx, false, true), pass);
    if (this.has(quad, START_BOUNDARY_E)) this.line(location(quad, -1, -nx, false, true), pass);
    if (this.has(quad, START_BOUNDARY_N)) this.line(location(quad, -nx, 1, false, true), pass);
    if (this.has(quad, START_E)) this.line(location(quad, -1, -nx, false, false), pass);
    if (this.has(quad, START_N)) this.line(location(quad, -nx, 1, false, false), pass);
  }

  /** An outer boundary; in the writing pass, followed by the holes found inside it. */
  private closedLineWithHoles(start: Location, pass: Pass): void {
    if (pass.index === 0) {
      this.closedLine(start, false, pass);
      return;
    }
    pass.lookUpQuads = [];
    this.closedLine(start, false, pass);
    // The list grows while holes are traced.
    for (let i = 0; i < pass.lookUpQuads.length; i++) {
      let quad = at(pass.lookUpQuads, i);
      while (!this.has(quad, LOOK_S)) quad += this.nx;
      if (!this.has(quad, START_E)) throw new Error("contour tracing lost a hole start");
      this.closedLine(location(quad, -1, -this.nx, this.zLevel(quad) > 0, false), true, pass);
    }
  }

  private closedLine(start: Location, isHole: boolean, pass: Pass): void {
    const current = { ...start };
    let finished = false;
    const count = { points: 0 };
    if (isHole && pass.index === 0) this.setLookFlags(start.quad);
    while (!finished) {
      finished = current.onBoundary
        ? this.followBoundary(current, start, pass, count)
        : this.followInterior(current, start, pass, count);
      current.onBoundary = !current.onBoundary;
    }
    if (pass.index > 0) {
      pass.lineOffsets.push(pass.totalPointCount);
      if (!isHole) pass.outerOffsets.push(pass.lineCount);
    }
    pass.totalPointCount += count.points;
    pass.lineCount++;
    if (isHole) pass.holeCount++;
  }

  private line(start: Location, pass: Pass): void {
    const current = { ...start };
    const count = { points: 0 };
    if (pass.index > 0 && pass.lineCount > 0) pass.points.push(Number.NaN, Number.NaN);
    const finished = this.followInterior(current, start, pass, count);
    if (pass.index > 0) pass.lineOffsets.push(pass.totalPointCount);
    // An interior start that is not a loop belongs to a line traced from the boundary later: not counted.
    if (pass.index === 0 && !start.onBoundary && !finished) count.points--;
    else pass.lineCount++;
    pass.totalPointCount += count.points;
  }

  private setLookFlags(holeStart: number): void {
    this.set(holeStart, LOOK_S);
    let quad = holeStart;
    while (!(this.boundaryS(quad) || this.zLevel(quad - this.nx) !== 1)) quad -= this.nx;
    this.set(quad, LOOK_N);
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Following

  private pushPoint(point: number, pass: Pass): void {
    pass.points.push(at(this.x, point), at(this.y, point));
  }

  private interp(point0: number, point1: number, isUpper: boolean, pass: Pass): void {
    const z0 = at(this.z, point0);
    const z1 = at(this.z, point1);
    const frac = (z1 - (isUpper ? this.upper : this.lower)) / (z1 - z0);
    pass.points.push(
      at(this.x, point0) * frac + at(this.x, point1) * (1 - frac),
      at(this.y, point0) * frac + at(this.y, point1) * (1 - frac),
    );
  }

  private boundaryStartPoint({ quad, forward }: Location): number {
    const { nx } = this;
    if (forward === nx) return quad - nx;
    if (forward === 1) return quad - nx - 1;
    if (forward === -nx) return quad - 1;
    return quad;
  }

  private interiorStartLeftPoint({ quad, forward }: Location): number {
    const { nx } = this;
    if (forward === nx) return quad - nx - 1;
    if (forward === 1) return quad - 1;
    if (forward === -nx) return quad;
    return quad - nx;
  }

  private followBoundary(loc: Location, start: Location, pass: Pass, count: { points: number }): boolean {
    const { nx } = this;
    let { quad, forward, left } = loc;
    let startPoint = this.boundaryStartPoint(loc);
    let endPoint = startPoint + forward;
    let endZ = this.zLevel(endPoint);
    count.points++;
    if (pass.index > 0) {
      if (this.zLevel(startPoint) === 1) this.pushPoint(startPoint, pass);
      else this.interp(startPoint, endPoint, loc.isUpper, pass);
    }
    let finished = false;
    for (;;) {
      if (quad === start.quad && forward === start.forward && left === start.left) {
        if (start.onBoundary && count.points > 1) {
          finished = true;
          break;
        }
      } else if (pass.index === 0) {
        if (left === nx) this.clear(quad, START_BOUNDARY_S);
        else if (forward === -nx) this.clear(quad, START_BOUNDARY_W);
      }
      if (endZ !== 1) {
        loc.isUpper = endZ === 2;
        [forward, left] = [left, -forward];
        break;
      }
      count.points++;
      if (pass.index > 0) {
        this.pushPoint(endPoint, pass);
        if (this.has(quad, LOOK_N) && left === nx) pass.lookUpQuads.push(quad);
      }
      [quad, forward, left] = this.nextBoundaryEdge(quad, forward);
      startPoint = endPoint;
      endPoint = startPoint + forward;
      endZ = this.zLevel(endPoint);
    }
    Object.assign(loc, { quad, forward, left });
    return finished;
  }

  /** The next boundary edge leaving the end point of the current one, looking clockwise. */
  private nextBoundaryEdge(quad: number, forward: number): [number, number, number] {
    const { nx } = this;
    let edge: number;
    let q = quad;
    if (forward === nx) edge = 1;
    else if (forward === 1) {
      q -= nx;
      edge = 3;
    } else if (forward === -nx) {
      q -= nx + 1;
      edge = 5;
    } else {
      q -= 1;
      edge = 7;
    }
    for (let tries = 0; tries < 4; tries++, edge = (edge + 2) % 8) {
      if (edge === 1 && this.has(q, BOUNDARY_N)) return [q, -1, -nx];
      if (edge === 3 && this.has(q + nx, BOUNDARY_E)) return [q + nx, nx, -1];
      if (edge === 5 && this.has(q + 1, BOUNDARY_N)) return [q + nx + 1, 1, nx];
      if (edge === 7 && this.has(q, BOUNDARY_E)) return [q + 1, -nx, 1];
    }
    throw new Error("contour tracing found no boundary edge to follow");
  }

  private followInterior(loc: Location, start: Location, pass: Pass, count: { points: number }): boolean {
    let { quad, forward, left } = loc;
    const isUpper = loc.isUpper;
    let leftPoint = this.interiorStartLeftPoint(loc);
    let rightPoint = leftPoint - left;
    const wantLookN = this.filled && pass.index > 0;
    let finished = false;
    for (;;) {
      if (pass.index > 0) this.interp(leftPoint, rightPoint, isUpper, pass);
      count.points++;
      const atStart = quad === start.quad && forward === start.forward && left === start.left;
      if (atStart && isUpper === start.isUpper && !start.onBoundary && count.points > 1) {
        finished = true;
        break;
      }
      const oppositeLeft = leftPoint + forward;
      const oppositeRight = rightPoint + forward;
      const direction = this.turn(quad, oppositeLeft, oppositeRight, isUpper);

      if (pass.index === 0 && !atStart && this.clearPassedStart(quad, forward, left, direction, isUpper)) {
        // A line already traced from here on (lines only).
        if (!this.filled && quad < start.quad) break;
      }

      if (direction === "left") {
        [forward, left] = [left, -forward];
        rightPoint = oppositeLeft;
      } else if (direction === "right") {
        [forward, left] = [-left, forward];
        leftPoint = oppositeRight;
      } else {
        leftPoint = oppositeLeft;
        rightPoint = oppositeRight;
      }

      if (wantLookN && this.has(quad, LOOK_N) && forward === 1) {
        // Both look flags in one quad: only the line that matches the look N one counts.
        if (!this.has(quad, LOOK_S) || (isUpper ? this.zLevel(quad) < 2 : this.zLevel(quad) > 0))
          pass.lookUpQuads.push(quad);
      }

      if (this.isBoundaryAhead(quad, forward)) {
        [forward, left] = [left, -forward];
        if (!this.filled) {
          count.points++;
          if (pass.index > 0) this.interp(leftPoint, rightPoint, false, pass);
        }
        break;
      }
      quad += forward;
    }
    Object.assign(loc, { quad, forward, left, isUpper });
    return finished;
  }

  /** Which way the contour leaves a quad, from the levels of the points across it (and its middle, at saddles). */
  private turn(quad: number, oppositeLeft: number, oppositeRight: number, isUpper: boolean): Turn {
    const zTest = isUpper ? 2 : 0;
    if (this.zLevel(oppositeLeft) === zTest) {
      return this.zLevel(oppositeRight) === zTest || this.middleLevel(quad) === zTest ? "left" : "right";
    }
    return this.zLevel(oppositeRight) === zTest ? "straight" : "right";
  }

  /** Whether the quad's edge ahead is on the grid's boundary. */
  private isBoundaryAhead(quad: number, forward: number): boolean {
    if (forward === 1) return this.has(quad, BOUNDARY_E);
    if (forward === -1) return this.boundaryW(quad);
    return forward > 0 ? this.has(quad, BOUNDARY_N) : this.boundaryS(quad);
  }

  /** Clears an interior start the trace passes through in the counting pass; whether it cleared one. */
  private clearPassedStart(quad: number, forward: number, left: number, direction: Turn, isUpper: boolean): boolean {
    const { nx } = this;
    const zNE = this.zLevel(quad);
    const zNW = this.zLevel(quad - 1);
    if (
      this.has(quad, START_E) &&
      forward === -1 &&
      left === -nx &&
      direction === "right" &&
      (isUpper ? zNE > 0 : zNE < 2)
    ) {
      this.clear(quad, START_E);
      return true;
    }
    if (
      this.has(quad, START_N) &&
      forward === -nx &&
      left === 1 &&
      direction === "left" &&
      (isUpper ? zNW > 0 : zNW < 2)
    ) {
      this.clear(quad, START_N);
      return true;
    }
    return false;
  }
}

const location = (quad: number, forward: number, left: number, isUpper: boolean, onBoundary: boolean): Location => ({
  quad,
  forward,
  left,
  isUpper,
  onBoundary,
});

function at(list: ArrayLike<number>, index: number): number {
  const value = list[index];
  if (value === undefined) throw new RangeError(`contour index ${index} out of range`);
  return value;
}

function pairs(flat: readonly number[], start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = start; i < end; i++) out.push([at(flat, 2 * i), at(flat, 2 * i + 1)]);
  return out;
}
