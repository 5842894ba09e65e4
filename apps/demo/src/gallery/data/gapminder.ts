import { Random } from "./random.js";

/** The regions of the synthetic gapminder data, with the colour each is drawn in. */
const REGIONS = {
  "East Asia & Pacific": "#1f77b4",
  "Europe & Central Asia": "#ff7f0e",
  "Latin America & Caribbean": "#2ca02c",
  "Middle East & North Africa": "#d62728",
  "South Asia": "#9467bd",
  "Sub-Saharan Africa": "#8c564b",
} as const;

type Region = keyof typeof REGIONS;

export const FIRST_YEAR = 1964;
export const LAST_YEAR = 2013;

/** One invented country: how its fertility, life expectancy and population move over the years. */
interface Country {
  name: string;
  region: Region;
  fertility0: number;
  fertilityMin: number;
  fertilityTau: number;
  life0: number;
  lifeGain: number;
  lifeTau: number;
  population0: number;
  growth: number;
}

const SYLLABLES = ["ka", "lo", "mi", "ran", "te", "vo", "su", "dor", "bel", "ni", "za", "qua"];

/** 30 invented countries, five per region, always the same ones. */
export function gapminderCountries(seed = 1964): Country[] {
  const random = new Random(seed);
  return Object.keys(REGIONS).flatMap((region, r) =>
    Array.from({ length: 5 }, (): Country => {
      const name = `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}`;
      const poor = r === 5 || r === 4;
      return {
        name: name.charAt(0).toUpperCase() + name.slice(1),
        region: region as Region,
        fertility0: random.uniform(poor ? 5.5 : 2.5, poor ? 7.8 : 6.5),
        fertilityMin: random.uniform(1.2, poor ? 4 : 2.2),
        fertilityTau: random.uniform(12, 45),
        life0: random.uniform(poor ? 35 : 45, poor ? 50 : 70),
        lifeGain: random.uniform(8, 30),
        lifeTau: random.uniform(15, 40),
        population0: Math.exp(random.uniform(Math.log(5e5), Math.log(2e8))),
        growth: random.uniform(1.003, 1.03),
      };
    }),
  );
}

/** The scatter's columns for one year: x fertility, y life expectancy, marker size from the population. */
export function gapminderYear(countries: readonly Country[], year: number): Record<string, string[] | number[]> {
  const t = year - FIRST_YEAR;
  const fertility = countries.map(
    (c) => c.fertilityMin + (c.fertility0 - c.fertilityMin) * Math.exp(-t / c.fertilityTau),
  );
  const life = countries.map((c) => Math.min(84, c.life0 + c.lifeGain * (1 - Math.exp(-t / c.lifeTau))));
  const population = countries.map((c) => Math.round(c.population0 * c.growth ** t));
  return {
    country: countries.map((c) => c.name),
    region: countries.map((c) => c.region),
    color: countries.map((c) => REGIONS[c.region]),
    fertility,
    life,
    population,
    size: population.map((p) => Math.max(6, Math.sqrt(p / 1e6) * 4)),
  };
}
