import { DateType } from '@mikro-orm/postgresql';

/**
 * A calendar date kept as 'YYYY-MM-DD' in JS. node-postgres hands `date` columns over as strings but
 * PGlite parses them into Date objects at UTC midnight; this type gives the same string on both.
 */
export class LocalDateType extends DateType {
  override convertToJSValue(value: string | Date): string {
    return value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
}
