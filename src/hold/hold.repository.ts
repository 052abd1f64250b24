import { cypher } from '../db/cypher.js';
import type { Runner } from '../db/driver.js';
import type { LotRecord } from '../lot/lot.mappers.js';
import type { HoldRecordMapper } from './hold.mappers.js';

const q = {
  setLotStatuses: cypher('hold/setLotStatuses'),
  holdsByLotCodes: cypher('hold/holdsByLotCodes'),
};

export const setLotStatuses = async (
  tx: Runner,
  changes: { code: string; status: LotRecord['status'] }[],
  event: HoldRecordMapper,
  locked: string[],
) => (await tx.run<{ lot: LotRecord }>(q.setLotStatuses, { changes, event, locked })).map((r) => r.lot);

export const holdsByLotCodes = (db: Runner, codes: readonly string[]) =>
  db.run<HoldRecordMapper & { code: string }>(q.holdsByLotCodes, { codes });
