import { Random } from "./random.js";

/** One synthetic car, shaped like the classic auto-mpg data set. */
export interface Car {
  name: string;
  mpg: number;
  cyl: number;
  displ: number;
  hp: number;
  weight: number;
  accel: number;
  yr: number;
  origin: string;
}

export const CONTINUOUS = ["mpg", "displ", "hp", "weight", "accel"] as const;
export const DISCRETE = ["cyl", "yr", "origin"] as const;
export type CarColumn = (typeof CONTINUOUS)[number] | (typeof DISCRETE)[number];

const ORIGINS = ["North America", "Europe", "Asia"] as const;
const MAKERS: Readonly<Record<(typeof ORIGINS)[number], readonly string[]>> = {
  "North America": ["Ardent", "Bellmont", "Cascade", "Drummond"],
  Europe: ["Ebersol", "Fiorano", "Gothia"],
  Asia: ["Hanaro", "Isuki", "Jinwei"],
};
const MODELS = ["Sprint", "Comet", "Vista", "Ranger", "Echo", "Falcon", "Pioneer", "Aria", "Summit", "Breeze"];

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** `count` cars whose columns are correlated as in the real data (more cylinders: more power, weight, thirst). */
export function cars(count = 300, seed = 11): Car[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => {
    const origin = random.pick(ORIGINS);
    const cyl = origin === "North America" ? random.pick([4, 6, 8, 8]) : random.pick([4, 4, 4, 6]);
    const yr = random.int(70, 82);
    const displ = Math.max(70, cyl * random.normal(40, 6));
    const hp = Math.max(45, displ * random.normal(0.55, 0.08) + 20);
    const weight = Math.max(1600, 1200 + displ * random.normal(8, 1));
    const mpg = Math.max(9, 52 - weight / 130 + (yr - 70) * 0.6 + random.normal(0, 2.5));
    const accel = Math.max(8, 24 - hp / 18 + random.normal(0, 1.2));
    return {
      name: `${random.pick(MAKERS[origin])} ${random.pick(MODELS)}`,
      mpg: round(mpg, 1),
      cyl,
      displ: round(displ, 0),
      hp: round(hp, 0),
      weight: round(weight, 0),
      accel: round(accel, 1),
      yr,
      origin,
    };
  });
}
