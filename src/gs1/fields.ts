/** A GS1 key given as an input field (a GTIN, a GLN): optional text, checked, or BAD_USER_INPUT naming the field. */
import { badInput } from '../errors.js';
import { optionalText } from '../validation.js';
import { Gs1Error } from './identifiers.js';

export function gs1Field(value: unknown, check: (key: string) => string, field: string): string | null {
  const text = optionalText(value, field);
  if (text === null) return null;
  try {
    return check(text);
  } catch (error) {
    if (error instanceof Gs1Error) throw badInput(error.message, field);
    throw error;
  }
}
