import { Random } from "./random.js";

/** One synthetic film, with the columns of the IMDb / Rotten Tomatoes sample Bokeh's movies example uses. */
export interface Movie {
  title: string;
  year: number;
  genre: string;
  mpaa: string;
  director: string;
  cast: string;
  runtime: number;
  /** Audience rating, 1–10. */
  rating: number;
  /** Critics' score, 0–100. */
  meter: number;
  reviews: number;
  /** Box office takings in millions of dollars. */
  boxOffice: number;
  oscars: number;
}

export const GENRES = [
  "Action",
  "Adventure",
  "Animation",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Horror",
  "Romance",
  "Sci-Fi",
  "Thriller",
] as const;
export const MPAA = ["G", "PG", "PG-13", "R"] as const;

const ADJECTIVES = [
  "Silent",
  "Crimson",
  "Last",
  "Hidden",
  "Broken",
  "Golden",
  "Midnight",
  "Distant",
  "Wild",
  "Frozen",
  "Electric",
  "Lonely",
];
const NOUNS = [
  "Harbor",
  "Empire",
  "Garden",
  "Signal",
  "River",
  "Kingdom",
  "Echo",
  "Frontier",
  "Mirror",
  "Voyage",
  "Orchard",
  "Lantern",
];
const FIRST = [
  "Ada",
  "Bruno",
  "Celia",
  "Dmitri",
  "Elena",
  "Farid",
  "Greta",
  "Hiro",
  "Ines",
  "Jonas",
  "Kavya",
  "Lior",
  "Mara",
  "Nils",
  "Oona",
  "Pavel",
];
const LAST = [
  "Abernathy",
  "Brandt",
  "Castellano",
  "Dufresne",
  "Eklund",
  "Fontaine",
  "Gallo",
  "Hartmann",
  "Ibarra",
  "Jansen",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Petrov",
];

const person = (random: Random): string => `${random.pick(FIRST)} ${random.pick(LAST)}`;

/** `count` films with plausible, correlated columns (better-reviewed films win more awards and earn more). */
export function movies(count = 1200, seed = 3): Movie[] {
  const random = new Random(seed);
  const directors = Array.from({ length: 60 }, () => person(random));
  const actors = Array.from({ length: 150 }, () => person(random));
  return Array.from({ length: count }, () => {
    const quality = random.normal(0, 1);
    const meter = Math.round(Math.min(100, Math.max(0, 58 + 17 * quality + random.normal(0, 8))));
    const rating = Number(Math.min(9.8, Math.max(1.2, 6.4 + 1.1 * quality + random.normal(0, 0.6))).toFixed(1));
    const reviews = Math.round(Math.exp(random.normal(4, 1)));
    const wins = quality > 1.6 ? random.int(0, 4) : quality > 1 ? random.int(0, 1) : 0;
    const boxOffice = Number(Math.max(0, Math.exp(random.normal(3, 1.2)) * (1 + Math.max(0, quality))).toFixed(1));
    return {
      title: `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}${random.next() < 0.25 ? ` ${random.int(2, 4)}` : ""}`,
      year: random.int(1970, 2024),
      genre: random.pick(GENRES),
      mpaa: random.pick(MPAA),
      director: random.pick(directors),
      cast: random.sample(actors, 3).join(", "),
      runtime: random.int(80, 180),
      rating,
      meter,
      reviews,
      boxOffice,
      oscars: wins,
    };
  });
}
