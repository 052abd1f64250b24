/**
 * The official GS1 EPCIS 2.0 JSON Schema (gs1-schema/EPCIS-JSON-Schema.json, the single inlined
 * file of github.com/gs1/EPCIS), checked by ajv: every document lotgraph takes in is held to it
 * before anything else, and every document lotgraph writes is held to it in the tests.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

let validator: ValidateFunction | null = null;

function compiled(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL('./gs1-schema/EPCIS-JSON-Schema.json', import.meta.url), 'utf8'));
    // allErrors: a document is refused with every problem at once; strict off: the schema uses
    // draft-07 keywords ajv's strict mode questions (if/then without a type, unknown formats).
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

export interface SchemaProblem {
  /** Where, as a JSON pointer into the document (RFC 6901). */
  pointer: string;
  message: string;
}

/**
 * The schema's verdict: no problems, or each with its pointer. The schema's if/then branches
 * report the same fault several times over, and every branch's keyword: kept once per place.
 */
export function schemaProblems(document: unknown): SchemaProblem[] {
  const validate = compiled();
  if (validate(document)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'allOf') continue;
    const problem = { pointer: error.instancePath || '', message: describe(error) };
    const key = `${problem.pointer} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  if (problems.length === 0) problems.push({ pointer: '', message: 'The document does not match the EPCIS 2.0 JSON Schema.' });
  return problems;
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `misses the required property "${p.missingProperty}"`;
    case 'additionalProperties':
      return `has the property "${p.additionalProperty}", which the schema does not allow here`;
    case 'enum':
      return `is not one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? error.keyword;
  }
}
