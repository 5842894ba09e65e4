import { Random } from "./random.js";

export interface Employee {
  name: string;
  salary: number;
  years_experience: number;
}

const FIRST = [
  "Amara",
  "Ben",
  "Chloé",
  "Dev",
  "Eitan",
  "Fatima",
  "Gus",
  "Hana",
  "Ivo",
  "June",
  "Kofi",
  "Luz",
  "Milo",
  "Nora",
  "Omar",
  "Pia",
];
const LAST = [
  "Achebe",
  "Berg",
  "Chen",
  "Diaz",
  "Eze",
  "Fischer",
  "Grant",
  "Haddad",
  "Ito",
  "Jovanovic",
  "Khan",
  "Larsen",
  "Mendes",
  "Novak",
  "O'Neill",
  "Quinn",
];

/** `count` employees whose salary grows with experience (some names hold an apostrophe or an accent). */
export function employees(count = 500, seed = 21): Employee[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => {
    const years = random.int(0, 40);
    const salary = Math.round(Math.max(12_000, 35_000 + years * 3_500 + random.normal(0, 25_000)) / 100) * 100;
    return { name: `${random.pick(FIRST)} ${random.pick(LAST)}`, salary, years_experience: years };
  });
}
