import type { Db } from '../db/driver.js';
import { lotNotAvailable, notFound } from '../errors.js';
import type { LotRecord } from '../lot/lot.mappers.js';
import { lockLots } from '../lot/lot.repository.js';
import { reachFromLots } from '../trace/trace.repository.js';
import { requireInstant, requireNonEmptyList, requireText } from '../validation.js';
import * as holdRepository from './hold.repository.js';

export interface HoldInput {
  lotCodes: string[];
  reason: string;
  by: string;
  at?: string | null;
  includeDownstream?: boolean | null;
}

function normalize(input: HoldInput, action: 'HOLD' | 'RELEASE') {
  const codes = [...new Set(requireNonEmptyList(input.lotCodes, 'lotCodes').map((c, n) => requireText(c, `lotCodes[${n}]`)))];
  const event = {
    action,
    reason: requireText(input.reason, 'reason'),
    by: requireText(input.by, 'by'),
    at: input.at == null ? new Date().toISOString() : requireInstant(input.at, 'at'),
  };
  return { codes, event };
}

/**
 * Puts lots on hold in one transaction, and with includeDownstream every lot downstream of them
 * that still has stock. Holds take the same lot locks as consumptions and shipments, so a
 * shipment racing a hold either lands before it or is refused with LOT_NOT_AVAILABLE.
 */
export async function holdLots(db: Db, input: HoldInput): Promise<LotRecord[]> {
  const { codes, event } = normalize(input, 'HOLD');
  return db.write(async (tx) => {
    let targets = codes;
    if (input.includeDownstream) {
      const reached = await reachFromLots(tx, 'forward', codes, null);
      targets = [...new Set([...codes, ...reached.map((r) => r.code)])];
    }
    const locked = await lockLots(tx, targets);
    const found = new Set(locked.map((l) => l.code));
    const missing = codes.find((c) => !found.has(c));
    if (missing) throw notFound('lot', missing);
    const named = new Set(codes);
    // Named lots are held whatever their stock; downstream ones only while they still have some.
    const changes = locked
      .filter((l) => l.status === 'AVAILABLE' && (named.has(l.code) || l.onHandBase > 0n))
      .map((l) => ({ code: l.code, status: 'ON_HOLD' as const }));
    return holdRepository.setLotStatuses(tx, changes, event, locked.map((l) => l.code));
  });
}

/** Releases lots from hold in one transaction; a recalled lot stays recalled (LOT_NOT_AVAILABLE). */
export async function releaseLots(db: Db, input: HoldInput): Promise<LotRecord[]> {
  const { codes, event } = normalize(input, 'RELEASE');
  return db.write(async (tx) => {
    const locked = await lockLots(tx, codes);
    const byCode = new Map(locked.map((l) => [l.code, l]));
    for (const code of codes) {
      const lot = byCode.get(code);
      if (!lot) throw notFound('lot', code);
      if (lot.status === 'RECALLED') throw lotNotAvailable(code, lot.status);
    }
    const changes = locked.filter((l) => l.status === 'ON_HOLD').map((l) => ({ code: l.code, status: 'AVAILABLE' as const }));
    return holdRepository.setLotStatuses(tx, changes, event, codes);
  });
}
