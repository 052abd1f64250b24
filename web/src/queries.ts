/**
 * Every GraphQL document the pages send, in one place: a unit test validates each against the
 * schema and the default limits, so that a renamed field fails a test, not a page.
 */
const TRACE_FIELDS = `
  truncated
  lots { depth lot { code productSku productName status quantity { amount unit } onHand { amount unit } supplier { id } } }
  batches { code producedAt inputs { lot { code } quantity { amount unit } } outputs { code } }
  suppliers { id name }
  customers { id name }
  shipmentLines { shipment { id shippedAt customer { id } } lot { code } quantity { amount unit } }`;

const RECALL_FIELDS = `id mock reason classification action status initiatedBy initiatedAt durationMs lotCount customerCount lineCount percentAccountedFor
  closedAt closedBy outcome reportCsvUrl reportHtmlUrl start { code productName }
  notifications { customer { id name } status notifiedAt acknowledgedAt note deliveries { at what detail } }
  origin { company recallId } confirmedAt confirmedBy
  reconciliation { gaps { lot { code } gap { amount unit } } }`;

export const QUERIES = {
  me: '{ me { keyId name role customerId supplierId allowed } }',
  traceBackward: `query TraceBackward($lot: ID, $batch: ID, $depth: Int) { t: traceBackward(lotCode: $lot, batchCode: $batch, maxDepth: $depth) { ${TRACE_FIELDS} } }`,
  traceForward: `query TraceForward($lot: ID, $batch: ID, $depth: Int) { t: traceForward(lotCode: $lot, batchCode: $batch, maxDepth: $depth) { ${TRACE_FIELDS} } }`,
  lotsBySupplierLotCode: 'query BySupplierLot($c: String!) { lotsBySupplierLotCode(supplierLotCode: $c) { code productName supplier { name } receivedAt } }',
  candidateLots: `query Candidates($name: String, $sku: String, $from: DateTime!, $to: DateTime!) {
    candidateLots(customerName: $name, productSku: $sku, shippedFrom: $from, shippedTo: $to) { score lot { code productName } customer { name } lines { shipment { id shippedAt } } }
  }`,
  lot: `query Lot($code: ID!) { lot(code: $code) {
    code productSku productName status quantity { amount unit } onHand { amount unit } traceabilityLotCode
    supplier { id name } supplierLotCode receivedAt referenceDocument referenceDocumentType receivedAtLocation { id businessName } tlcSourceLocation { id businessName } tlcSourceReference
    producedBy { code producedAt location { id businessName } }
    holds { action reason by at }
  } }`,
  batch: 'query Batch($code: ID!) { batch(code: $code) { code producedAt location { businessName } referenceDocument inputs { lot { code productName } quantity { amount unit } } outputs { code productName quantity { amount unit } status } } }',
  supplier: 'query Supplier($id: ID!) { party: supplier(id: $id) { id name location } }',
  customer: 'query Customer($id: ID!) { party: customer(id: $id) { id name location } }',
  holdLots: 'mutation Hold($i: HoldLotsInput!) { holdLots(input: $i) { code status } }',
  releaseLots: 'mutation Release($i: ReleaseLotsInput!) { releaseLots(input: $i) { code status } }',
  runMockRecall: 'mutation MockRecall($i: MockRecallInput!) { runMockRecall(input: $i) { id lotCount customerCount durationMs } }',
  recalls: `query Recalls($mock: Boolean, $status: RecallStatus) { recalls(mock: $mock, status: $status) { ${RECALL_FIELDS} } }`,
  recallKind: 'query RecallKind($id: ID!) { recall(id: $id) { mock status } }',
  closeRecall: 'mutation CloseRecall($i: CloseRecallInput!) { closeRecall(input: $i) { id status } }',
  confirmRecall: 'mutation ConfirmRecall($i: ConfirmRecallInput!) { confirmRecall(input: $i) { id status changedLots { code } } }',
  updateRecallNotification: 'mutation Notify($i: RecallNotificationInput!) { updateRecallNotification(input: $i) { status } }',
  importMappings: 'query Mappings($kind: String) { importMappings(kind: $kind) { name } }',
  spreadsheetImports: 'query Imports { spreadsheetImports(first: 10) { kind fileName at by rows written skipped problems outcome } }',
} as const;
