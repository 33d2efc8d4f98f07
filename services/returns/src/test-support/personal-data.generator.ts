import { seededRandom } from '@eutf/testing';

const GIVEN = ['Aminata', 'Moussa', 'Fatoumata', 'Ibrahim', 'Mariam', 'Oumar', 'Awa', 'Seydou', 'Kadiatou', 'Boubacar', 'Hawa', 'Abdoulaye'];
const FAMILY = ['Traoré', 'Keita', 'Coulibaly', 'Diarra', 'Sangaré', 'Touré', 'Konaté', 'Diallo', 'Cissé', 'Maïga', 'Sissoko', 'Dembélé'];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A seeded generator of what must never be stored: names, passport-like and phone-like strings,
 * slipped into request bodies where codes belong and under fields no schema has. Seeded, so a
 * failure is reproduced by its seed.
 */
export class PersonalDataGenerator {
  /** Every string handed out, to search for afterwards. */
  readonly produced: string[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(below: number): number {
    return Math.floor(this.random() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  private digits(count: number): string {
    return Array.from({ length: count }, () => String(this.int(10))).join('');
  }

  private keep(text: string): string {
    this.produced.push(text);
    return text;
  }

  /** A name, written as people write names, or squeezed into an id's characters ("Aminata.Traore4821"). */
  name(): string {
    const family = this.pick(FAMILY);
    const written = this.chance(0.5) ? `${this.pick(GIVEN)} ${family} ${this.digits(3)}` : `${this.pick(GIVEN)}.${family.normalize('NFD').replace(/[^A-Za-z]/g, '')}${this.digits(4)}`;
    return this.keep(written);
  }

  /** Two capital letters and seven digits, as many passports and ID cards. */
  passport(): string {
    return this.keep(`${this.pick([...LETTERS])}${this.pick([...LETTERS])}${this.digits(7)}`);
  }

  /** A Malian or Nigerien mobile number, with or without spaces. */
  phone(): string {
    const code = this.pick(['223', '227']);
    return this.keep(this.chance(0.5) ? `+${code} ${this.digits(2)} ${this.digits(2)} ${this.digits(2)} ${this.digits(2)}` : `00${code}${this.digits(8)}`);
  }

  /** One of the three. */
  personal(): string {
    return this.pick([() => this.name(), () => this.passport(), () => this.phone()])();
  }

  /** A field name no schema has. */
  unknownField(): string {
    return this.pick(['name', 'fullName', 'passportNumber', 'phone', 'note', 'comment', 'dateOfBirth', 'address', `x${this.digits(3)}`]);
  }
}

/** Every path to a string or a value inside a body, so a generated value can replace any one of them. */
export function leafPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...prefix, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, [...prefix, key]));
  return [prefix];
}

/** Every object inside a body (itself included), where an unknown field can be slipped in. */
export function objectPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...prefix, index]));
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([key, inner]) => objectPaths(inner, [...prefix, key]))];
  return [];
}

export function setAt(target: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  if (path.length === 0) return;
  let cursor = target as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) cursor = cursor[step] as Record<string | number, unknown>;
  cursor[path[path.length - 1] as string | number] = value;
}
