import { describe, expect, it } from 'vitest';
import { codeOf, cypherRows, uid, withHttp } from './helpers.js';

const { db, http } = withHttp();

const gql = async (query: string, variables: Record<string, unknown> = {}, key?: string): Promise<any> => (await http.gql(query, variables, key)).body;

/** A plant: a mill, two flour lots received, a shop. */
async function plant() {
  const p = uid('CO');
  await cypherRows(db, `CREATE (:Supplier {id: $p + 'MILL', name: 'Mill'}), (:Customer {id: $p + 'SHOP', name: 'Shop'})`, { p });
  for (const [code, kg] of [['WHEAT', 500], ['RYE', 300]] as const) {
    const r = await gql(`mutation($input: ReceiveLotInput!) { receiveLot(input: $input) { code } }`, {
      input: { lotCode: `${p}${code}`, productSku: code, productName: code, supplierId: `${p}MILL`, supplierLotCode: `M-${code}`, quantity: { amount: kg, unit: 'kg' }, receivedAt: '2026-05-01T08:00:00Z' },
    });
    expect(r.errors).toBeUndefined();
  }
  return p;
}

const production = (p: string, flour: string, kg = 100) => ({
  batchCode: `${p}B1`, producedAt: '2026-05-02T08:00:00Z',
  inputs: [{ lotCode: `${p}${flour}`, quantity: { amount: kg, unit: 'kg' } }],
  outputs: [{ lotCode: `${p}BREAD`, productSku: 'BREAD', productName: 'Bread', quantity: { amount: 200, unit: 'each' } }],
});
const shipment = (p: string, n = 50) => ({ shipmentId: `${p}SH1`, customerId: `${p}SHOP`, shippedAt: '2026-05-03T08:00:00Z', lines: [{ lotCode: `${p}BREAD`, quantity: { amount: n, unit: 'each' } }] });

const onHand = async (code: string) => (await gql(`query($code: ID!) { lot(code: $code) { onHand { amount } } }`, { code })).data.lot?.onHand.amount ?? null;

describe('corrections', () => {
  it('the wrong flour lot scanned into a batch: corrected, the history kept, traces and stock on the right lot', async () => {
    const p = await plant();
    expect((await gql(`mutation($input: ProductionInput!) { recordProduction(input: $input) { code } }`, { input: production(p, 'RYE') })).errors).toBeUndefined();
    expect(await onHand(`${p}RYE`)).toBe(200);

    const fixed = await gql(`mutation($input: ProductionInput!) { correctProduction(reason: "Rye scanned by mistake; the batch used wheat", input: $input) { code inputs { lot { code } } } }`, { input: production(p, 'WHEAT') });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.correctProduction).toEqual({ code: `${p}B1`, inputs: [{ lot: { code: `${p}WHEAT` } }] });
    expect(await onHand(`${p}RYE`)).toBe(300);
    expect(await onHand(`${p}WHEAT`)).toBe(400);

    const traced = await gql(`query($code: ID!) { traceBackward(lotCode: $code) { lots { lot { code } } } }`, { code: `${p}BREAD` });
    expect(traced.data.traceBackward.lots.map((l: any) => l.lot.code).sort()).toEqual([`${p}BREAD`, `${p}WHEAT`]);
    const forward = await gql(`query($code: ID!) { traceForward(lotCode: $code) { lots { lot { code } } } }`, { code: `${p}RYE` });
    expect(forward.data.traceForward.lots.map((l: any) => l.lot.code)).toEqual([`${p}RYE`]);

    // The rye lot's history shows the voided batch: why, who, when, and what replaced it.
    const history = await gql(`query($code: ID!) { lot(code: $code) { corrections { kind recordId reason by byKeyId lotCodes replacedBy at } } }`, { code: `${p}RYE` });
    expect(history.data.lot.corrections).toEqual([
      expect.objectContaining({ kind: 'PRODUCTION', recordId: `${p}B1`, reason: 'Rye scanned by mistake; the batch used wheat', by: 'bootstrap admin', byKeyId: 'bootstrap-admin', replacedBy: `${p}B1`, lotCodes: expect.arrayContaining([`${p}RYE`, `${p}BREAD`]) }),
    ]);
    // Kept in the graph for the analyst, and in the audit trail.
    const [kept] = await cypherRows(db, 'MATCH (c:Correction)-[:VOIDED]->(b:VoidedBatch {code: $code})<-[v:VOIDED_CONSUMED_IN]-(l:Lot) RETURN c.reason AS reason, l.code AS lot, v.quantity AS kg', { code: `${p}B1` });
    expect(kept).toEqual({ reason: 'Rye scanned by mistake; the batch used wheat', lot: `${p}RYE`, kg: 100 });
    const audit = await gql(`query { auditLog(filter: { operation: "correctProduction" }, first: 5) { records { operation outcome lotCodes } } }`);
    expect(audit.data.auditLog.records).toContainEqual(expect.objectContaining({ operation: 'correctProduction', outcome: 'OK', lotCodes: expect.arrayContaining([`${p}WHEAT`]) }));
    // The FDA sheet has the corrected batch only.
    const sheet = await gql(`query($codes: [String!]) { fsmaRecords(filter: { from: "2026-05-01T00:00:00Z", to: "2026-05-04T00:00:00Z", lotCodes: $codes }, cte: TRANSFORMATION) { rows } }`, { codes: [`${p}BREAD`] });
    expect(sheet.data.fsmaRecords.rows.map((r: string[]) => r[0])).toEqual(['M-WHEAT']);
  });

  it('refuses a void that would leave a later record without its stock, naming the records, and writes nothing', async () => {
    const p = await plant();
    await gql(`mutation($input: ProductionInput!) { recordProduction(input: $input) { code } }`, { input: production(p, 'WHEAT') });
    await gql(`mutation($input: ShipmentInput!) { recordShipment(input: $input) { id } }`, { input: shipment(p) });
    const receipt = await gql(`mutation { voidRecord(input: { kind: RECEIPT, id: "${p}WHEAT", reason: "wrong lot" }) { id } }`);
    expect(codeOf(receipt)).toBe('BAD_USER_INPUT');
    expect(receipt.errors[0].message).toContain(`production ${p}B1`);
    expect(receipt.errors[0].extensions.dependents).toEqual([{ lotCode: `${p}WHEAT`, kind: 'production', id: `${p}B1` }]);
    const batch = await gql(`mutation { voidRecord(input: { kind: PRODUCTION, id: "${p}B1", reason: "wrong" }) { id } }`);
    expect(batch.errors[0].extensions.dependents).toEqual([{ lotCode: `${p}BREAD`, kind: 'shipment', id: `${p}SH1` }]);
    expect(await cypherRows(db, 'MATCH (c:Correction) WHERE c.recordId STARTS WITH $p RETURN c', { p })).toEqual([]);
    expect(await onHand(`${p}WHEAT`)).toBe(400);

    // Voided from the last record back, each step allowed.
    const ship = await gql(`mutation { voidRecord(input: { kind: SHIPMENT, id: "${p}SH1", reason: "never left the dock" }) { kind recordId lotCodes } }`);
    expect(ship.data.voidRecord).toEqual({ kind: 'SHIPMENT', recordId: `${p}SH1`, lotCodes: [`${p}BREAD`] });
    expect(await onHand(`${p}BREAD`)).toBe(200);
    const customers = await gql(`query($code: ID!) { traceForward(lotCode: $code) { customers { id } } }`, { code: `${p}WHEAT` });
    expect(customers.data.traceForward.customers).toEqual([]);
    expect((await gql(`query($id: ID!) { shipment(id: $id) { id } }`, { id: `${p}SH1` })).data.shipment).toBeNull();
    expect((await gql(`mutation { voidRecord(input: { kind: PRODUCTION, id: "${p}B1", reason: "wrong" }) { id } }`)).errors).toBeUndefined();
    expect(await onHand(`${p}WHEAT`)).toBe(500);
    expect((await gql(`mutation { voidRecord(input: { kind: RECEIPT, id: "${p}WHEAT", reason: "never arrived" }) { id } }`)).errors).toBeUndefined();
    expect((await gql(`query($code: ID!) { lot(code: $code) { code } }`, { code: `${p}WHEAT` })).data.lot).toBeNull();

    // A produced lot is corrected through its batch; an unknown record is NOT_FOUND.
    expect(codeOf(await gql(`mutation { voidRecord(input: { kind: RECEIPT, id: "${p}NOPE", reason: "x" }) { id } }`))).toBe('NOT_FOUND');
  });

  it('corrects a receipt entered with the wrong quantity, under the same code', async () => {
    const p = await plant();
    const fixed = await gql(`mutation($input: ReceiveLotInput!) { correctReceipt(reason: "500 kg, not 300", input: $input) { code quantity { amount } onHand { amount } corrections { kind reason } } }`, {
      input: { lotCode: `${p}RYE`, productSku: 'RYE', productName: 'RYE', supplierId: `${p}MILL`, supplierLotCode: 'M-RYE', quantity: { amount: 500, unit: 'kg' }, receivedAt: '2026-05-01T08:00:00Z' },
    });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.correctReceipt).toEqual({ code: `${p}RYE`, quantity: { amount: 500 }, onHand: { amount: 500 }, corrections: [{ kind: 'RECEIPT', reason: '500 kg, not 300' }] });
    expect((await cypherRows(db, 'MATCH (v:VoidedLot {code: $code}) RETURN v.quantity AS q', { code: `${p}RYE` }))).toEqual([{ q: 300 }]);
  });

  it('needs a quality key', async () => {
    const p = await plant();
    const recorder = (await gql(`mutation { createApiKey(input: { name: "corr recorder", role: RECORDER }) { secret } }`)).data.createApiKey.secret;
    expect(codeOf(await gql(`mutation { voidRecord(input: { kind: RECEIPT, id: "${p}RYE", reason: "x" }) { id } }`, {}, recorder))).toBe('FORBIDDEN');
    expect(await onHand(`${p}RYE`)).toBe(300);
  });

  it('under concurrent writers, a lot is never both voided and used: the void or the batch is refused', async () => {
    for (let round = 0; round < 8; round += 1) {
      const p = await plant();
      const [voided, produced] = await Promise.all([
        gql(`mutation { voidRecord(input: { kind: RECEIPT, id: "${p}RYE", reason: "race" }) { id } }`),
        gql(`mutation($input: ProductionInput!) { recordProduction(input: $input) { code } }`, { input: production(p, 'RYE', 10) }),
      ]);
      const wins = [!voided.errors, !produced.errors].filter(Boolean).length;
      expect(wins).toBe(1);
      const [state] = await cypherRows(db, `OPTIONAL MATCH (v:VoidedLot {code: $code}) OPTIONAL MATCH (l:Lot {code: $code}) OPTIONAL MATCH (b:Batch {code: $batch})
                                            RETURN v IS NOT NULL AS voided, l IS NOT NULL AS current, b IS NOT NULL AS batch,
                                                   COUNT { (:VoidedLot {code: $code})-[:CONSUMED_IN]->() } AS usedWhileVoided`, { code: `${p}RYE`, batch: `${p}B1` });
      expect(state).toEqual(voided.errors ? { voided: false, current: true, batch: true, usedWhileVoided: 0n } : { voided: true, current: false, batch: false, usedWhileVoided: 0n });
    }
  });
});
