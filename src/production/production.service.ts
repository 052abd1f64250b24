import type { Db, Runner } from '../db/driver.js';
import { WriteConflict, writeOnce } from '../db/write.js';
import { inTurn } from '../lot/turns.js';
import { alreadyExists, badInput, notFound } from '../errors.js';
import { confirmDebits } from '../lot/stock.js';
import { fingerprint, optionalText, requireInstant, requireNonEmptyList, requireQuantity, requireText } from '../validation.js';
import type { BatchMapper } from './production.mappers.js';
import * as productionRepository from './production.repository.js';

type QuantityInput = { amount: number; unit: string };

export interface ProductionInput {
  batchCode: string;
  producedAt: string;
  inputs: { lotCode: string; quantity: QuantityInput }[];
  outputs: { lotCode: string; productSku: string; productName: string; quantity: QuantityInput; countCode?: string | null; lotNumber?: string | null }[];
  locationId?: string | null;
  referenceDocumentType?: string | null;
  referenceDocument?: string | null;
}

/** Validates a production and gives the batch, inputs and outputs to write, with a fingerprint. */
export function normalizeProduction(input: ProductionInput) {
  const batch = {
    code: requireText(input.batchCode, 'batchCode'),
    producedAt: requireInstant(input.producedAt, 'producedAt'),
    locationId: optionalText(input.locationId, 'locationId'),
    referenceDocumentType: optionalText(input.referenceDocumentType, 'referenceDocumentType'),
    referenceDocument: optionalText(input.referenceDocument, 'referenceDocument'),
  };
  const inputs = requireNonEmptyList(input.inputs, 'inputs').map((i, n) => {
    const q = requireQuantity(i.quantity, `inputs[${n}].quantity`);
    return { line: n, lotCode: requireText(i.lotCode, `inputs[${n}].lotCode`), ...q };
  });
  const outputs = requireNonEmptyList(input.outputs, 'outputs').map((o, n) => {
    const q = requireQuantity(o.quantity, `outputs[${n}].quantity`);
    return {
      line: n,
      lotCode: requireText(o.lotCode, `outputs[${n}].lotCode`),
      productSku: requireText(o.productSku, `outputs[${n}].productSku`),
      productName: requireText(o.productName, `outputs[${n}].productName`),
      ...q,
      // For a count: the Rec. 20 code it came with (EPCIS capture); absent otherwise, and then not in the fingerprint.
      ...(o.countCode ? { countCode: o.countCode } : {}),
      // Its GS1 lot number where its code is not it (EPCIS capture); absent otherwise.
      ...(o.lotNumber ? { lotNumber: o.lotNumber } : {}),
    };
  });
  const outputCodes = outputs.map((o) => o.lotCode);
  const repeated = outputCodes.find((c, n) => outputCodes.indexOf(c) !== n);
  if (repeated) throw badInput(`Output lot ${repeated} is listed twice; every output must be a new lot.`, 'outputs');
  const consumedOwnOutput = inputs.find((i) => outputCodes.includes(i.lotCode));
  if (consumedOwnOutput) throw badInput(`Lot ${consumedOwnOutput.lotCode} cannot be both an input and an output of one batch.`, 'outputs');
  return { batch: { ...batch, inputHash: fingerprint('recordProduction', { batch, inputs, outputs }) }, inputs, outputs };
}

/**
 * Records a batch: consumes its input lots and creates its output lots, in one transaction.
 * The very same input again returns the recorded batch and writes nothing.
 */
export async function recordProduction(db: Db, input: ProductionInput): Promise<BatchMapper> {
  const production = normalizeProduction(input);
  let attempt = 0;
  return inTurn(production.inputs.map((i) => i.lotCode), () =>
    writeOnce(
      db,
      'batch',
      production.batch.code,
      (tx) => {
        attempt += 1;
        // The outputs may be a racing twin's, committed between the statement's reads: the first attempt runs again.
        return recordBatchIn(tx, production, attempt === 1);
      },
      // One statement that writes nothing unless its checks pass: committed by Neo4j as it ends, so the input lots are held no longer.
      { alone: true },
    ),
  );
}

/** Records a checked production in a transaction of the caller's (a correction's, or recordProduction's own). */
export async function recordBatchIn(tx: Runner, { batch, inputs, outputs }: ReturnType<typeof normalizeProduction>, retryOnTakenOutput = false): Promise<BatchMapper> {
  const recorded = await productionRepository.recordBatch(tx, { batch, inputs, outputs });
  if (recorded.existing) {
    if (recorded.existing.inputHash !== batch.inputHash) throw alreadyExists('batch', batch.code);
    return recorded.existing;
  }
  if (recorded.takenOutputCodes.length > 0) {
    if (retryOnTakenOutput) throw new WriteConflict();
    throw alreadyExists('lot', recorded.takenOutputCodes[0], 'is taken; every output of a batch must be a new lot');
  }
  if (recorded.missingLocationIds.length > 0) throw notFound('location', recorded.missingLocationIds[0]);
  confirmDebits(recorded.locked, inputs, recorded.debits);
  return recorded.batch!;
}
