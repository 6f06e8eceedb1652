import type Decimal from 'decimal.js';
import { D } from './decimal.js';

const abs = (n: bigint) => (n < 0n ? -n : n);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const powersOfTen: bigint[] = [1n];
const tenTo = (k: number): bigint => {
  while (powersOfTen.length <= k) powersOfTen.push(powersOfTen[powersOfTen.length - 1]! * 10n);
  return powersOfTen[k]!;
};

/**
 * An exact rational n/d, d > 0. Quantities such as a third of an hour have no finite decimal:
 * kept as ratios, they are multiplied by their price and rounded once, so a line that is exactly
 * half a cent rounds up, which no fixed-precision decimal guarantees.
 */
export class Ratio {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Ratio(0n, 1n);

  static of(n: bigint, d: bigint = 1n): Ratio {
    if (d === 0n) throw new RangeError('ratio with a zero denominator');
    if (d < 0n) [n, d] = [-n, -d];
    if (d === 1n) return new Ratio(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Ratio(n, d) : new Ratio(n / g, d / g);
  }

  static int(n: number): Ratio {
    return new Ratio(BigInt(n), 1n);
  }

  /** The exact value of a decimal. */
  static fromDecimal(value: Decimal): Ratio {
    const text = value.toFixed();
    const dot = text.indexOf('.');
    if (dot < 0) return new Ratio(BigInt(text), 1n);
    const places = text.length - dot - 1;
    return Ratio.of(BigInt(text.slice(0, dot) + text.slice(dot + 1)), tenTo(places));
  }

  plus(o: Ratio): Ratio {
    if (o.n === 0n) return this;
    if (this.n === 0n) return o;
    if (this.d === o.d) return Ratio.of(this.n + o.n, this.d);
    return Ratio.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  minus(o: Ratio): Ratio {
    return this.plus(o.negated());
  }

  negated(): Ratio {
    return new Ratio(-this.n, this.d);
  }

  times(o: Ratio | Decimal): Ratio {
    const r = o instanceof Ratio ? o : Ratio.fromDecimal(o);
    return Ratio.of(this.n * r.n, this.d * r.d);
  }

  div(o: Ratio | Decimal): Ratio {
    const r = o instanceof Ratio ? o : Ratio.fromDecimal(o);
    return Ratio.of(this.n * r.d, this.d * r.n);
  }

  cmp(o: Ratio): number {
    const left = this.n * o.d;
    const right = o.n * this.d;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  sign(): number {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }

  /** Rounded half-up (ties away from zero) to `places` decimals: the one rounding of a line. */
  round(places: number): Decimal {
    const scale = tenTo(places);
    const scaled = abs(this.n) * scale;
    let q = scaled / this.d;
    if ((scaled % this.d) * 2n >= this.d) q += 1n;
    const digits = (this.n < 0n ? -q : q).toString();
    return new D(digits).div(new D(scale.toString()));
  }
}

export const MS_PER_HOUR_RATIO = Ratio.int(3_600_000);

/** Milliseconds as exact hours. */
export const hoursOfMs = (ms: number | bigint): Ratio => Ratio.of(BigInt(ms), 3_600_000n);
