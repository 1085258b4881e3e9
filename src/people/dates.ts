/*
 * Ages are counted in the community's time zone: a resident turns 60 on their birthday in China,
 * not at midnight UTC.
 */

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in China. */
export function chinaDate(at: Date): string {
  return DAY.format(at);
}

/** Full years from a birth date to a day; a 29 February birthday counts from 1 March in other years. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/**
 * The latest birth date of someone who is at least `years` old on `day`: the same date `years`
 * earlier, 29 February falling back to 28 February. `birthDate <= yearsBefore(day, n)` is exactly
 * `ageOn(birthDate, day) >= n`, and as a plain comparison it can use the birth-date index.
 */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
