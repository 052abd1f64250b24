/**
 * Who may call what: the one table. Every Query and Mutation field and every HTTP route has a
 * rule (a test compares this table with the schema, so a new field without a rule fails), and
 * partner keys may select only the fields their kind of partner may see.
 */
import type { PartnerKind, Principal, Role } from './principal.js';
import { roleAllows } from './principal.js';

export interface Rule {
  /** The least role that may call it. */
  role: Role;
  /** The partner kinds whose keys may call it too (cut to their scope). */
  partners?: readonly PartnerKind[];
}

const both = ['customer', 'supplier'] as const;
const read: Rule = { role: 'viewer' };
const record: Rule = { role: 'recorder' };
const quality: Rule = { role: 'quality' };
const admin: Rule = { role: 'admin' };

/** A rule per root field, "Query.lot" or "Mutation.receiveLot". */
export const OPERATIONS: Readonly<Record<string, Rule>> = {
  'Query.health': { role: 'viewer', partners: both },
  'Query.me': { role: 'viewer', partners: both },
  'Query.lot': { role: 'viewer', partners: both },
  'Query.batch': read,
  'Query.supplier': { role: 'viewer', partners: ['supplier'] },
  'Query.customer': { role: 'viewer', partners: ['customer'] },
  'Query.shipment': { role: 'viewer', partners: ['customer'] },
  'Query.traceBackward': { role: 'viewer', partners: both },
  'Query.traceForward': { role: 'viewer', partners: both },
  'Query.location': read,
  'Query.locations': read,
  'Query.product': read,
  'Query.fsmaRecords': read,
  'Query.kdeGaps': read,
  'Query.fsmaExport': quality,
  'Query.recallScope': { role: 'viewer', partners: both },
  'Query.recall': { role: 'viewer', partners: ['customer'] },
  'Query.recalls': { role: 'viewer', partners: ['customer'] },
  'Query.lotsBySupplierLotCode': { role: 'viewer', partners: ['supplier'] },
  'Query.candidateLots': read,
  'Query.apiKeys': admin,
  'Query.auditLog': admin,
  'Query.spreadsheetImports': read,
  'Query.importMappings': read,
  'Mutation.saveImportMapping': record,

  'Mutation.upsertSupplier': record,
  'Mutation.upsertCustomer': record,
  'Mutation.upsertLocation': record,
  'Mutation.upsertProduct': record,
  'Mutation.receiveLot': record,
  'Mutation.recordProduction': record,
  'Mutation.recordShipment': record,
  'Mutation.holdLots': quality,
  'Mutation.releaseLots': quality,
  'Mutation.recordAdjustment': quality,
  'Mutation.voidRecord': quality,
  'Mutation.correctReceipt': quality,
  'Mutation.correctProduction': quality,
  'Mutation.correctShipment': quality,
  'Mutation.initiateRecall': quality,
  'Mutation.runMockRecall': quality,
  // A customer's key may acknowledge its own notice (the service checks which one and to what).
  'Mutation.updateRecallNotification': { role: 'quality', partners: ['customer'] },
  'Mutation.closeRecall': quality,
  'Query.instance': read,
  'Query.partnerLinks': admin,
  'Query.partnerStatements': quality,
  'Mutation.linkPartner': admin,
  'Mutation.unlinkPartner': admin,
  'Mutation.confirmRecall': quality,
  'Mutation.createApiKey': admin,
  'Mutation.revokeApiKey': admin,
};

/** The HTTP routes that need a key, by name, with the least role that may follow them. */
export const ROUTES = {
  fsmaDownload: quality,
  recallReport: read,
  // GET /metrics on the API's port (LOTGRAPH_METRICS_PORT moves it to a port of its own, without keys).
  metrics: admin,
  spreadsheetImport: record,
  spreadsheetTemplate: read,
  epcisCapture: record,
  epcisCaptureJob: read,
  // A partner pulls its own events (a customer its shipments' KDEs, a supplier its receipts).
  epcisQuery: { role: 'viewer', partners: both },
  epcisExport: quality,
  // Partners' lotgraphs: a customer's key that shares lineage asks what went into the lots it
  // received from us; a supplier's key sends us its recall notices. Company keys: admins, to try them.
  partnerLineage: { role: 'admin', partners: ['customer'] },
  partnerRecallNotice: { role: 'admin', partners: ['supplier'] },
} as const satisfies Record<string, Rule>;

const fields = (type: string, names: string) => names.split(/\s+/).filter(Boolean).map((n) => `${type}.${n}`);

const SHARED = [
  ...fields('Query', 'health me'),
  ...fields('Me', 'keyId name role customerId supplierId allowed'),
  ...fields('Health', 'status neo4j version'),
  ...fields('Quantity', 'amount unit'),
  ...fields('Product', 'sku name gtin brand commodity variety packSize packStyle onFoodTraceabilityList'),
  ...fields('Location', 'id businessName phone street city state postalCode country fdaRegistration gln url own'),
  ...fields('TracedLot', 'lot depth'),
  ...fields('Trace', 'lots batches suppliers customers shipmentLines truncated'),
  ...fields('RecallScope', 'startLots customers shipmentLines sources'),
  ...fields('CustomerExposure', 'customer lines quantities'),
  ...fields('Lot', 'code identifier traceabilityLotCode productSku productName product tlcSourceLocation tlcSourceReference'),
  // The shape of a trace, so that partners send the same trace queries as everyone: which
  // batches, parties and lines show is cut by the scoped Cypher (a partner sees no batch of ours,
  // a supplier no shipment), and none of these fields leads to a record that is not cut.
  ...fields('Batch', 'code producedAt'),
  ...fields('Supplier', 'id name location gln'),
  ...fields('Customer', 'id name location gln'),
  ...fields('Shipment', 'id customer shippedAt'),
  ...fields('ShipmentLine', 'shipment lot quantity'),
];

/**
 * What each kind of partner may select, type by type. For a customer: what FSMA 204 says a shipper
 * hands its recipient (21 CFR 1.1340(b)) for its own shipments, and the recalls that notify it.
 * For a supplier: its own receipts' KDEs and, per lot, what became of it here as totals.
 * Which records it sees is cut in the Cypher ($scope); this says which fields.
 */
export const PARTNER_FIELDS: Readonly<Record<PartnerKind, ReadonlySet<string>>> = {
  customer: new Set([
    ...SHARED,
    ...fields('Query', 'lot customer shipment traceBackward traceForward recallScope recall recalls'),
    ...fields('Mutation', 'updateRecallNotification'),
    ...fields('Customer', 'id name location locationDescription shipments'),
    ...fields('Shipment', 'id customer shippedAt referenceDocument referenceDocumentType fromLocation lines'),
    ...fields('ShipmentLine', 'shipment lot quantity'),
    ...fields('Lot', 'shipments'),
    ...fields('Recall', 'id mock reason classification action status initiatedAt closedAt notifications'),
    ...fields('CustomerNotification', 'customer status notifiedAt acknowledgedAt note'),
  ]),
  supplier: new Set([
    ...SHARED,
    ...fields('Query', 'lot supplier traceBackward traceForward recallScope lotsBySupplierLotCode'),
    ...fields('Supplier', 'id name location locationDescription lots'),
    ...fields('Lot', 'quantity onHand status supplier supplierLotCode receivedAt receivedAtLocation referenceDocument referenceDocumentType usage'),
    ...fields('LotUsage', 'consumed shipped adjustedOut onHand products'),
    ...fields('ProductUsage', 'productSku productName lots produced shipped onHand'),
  ]),
};

export type Decision = { allowed: true } | { allowed: false; why: string };

/** Whether the principal may call a root field ("Query.lot"). */
export function mayCall(principal: Principal, coordinate: string): Decision {
  const rule = OPERATIONS[coordinate];
  if (!rule) return { allowed: false, why: `call ${coordinate}: it has no access rule` };
  const [kind, field] = coordinate.split('.');
  const what = `${kind === 'Mutation' ? 'run' : 'read'} ${field}`;
  if (principal.scope) {
    return rule.partners?.includes(principal.scope.kind) ? { allowed: true } : { allowed: false, why: what };
  }
  return roleAllows(principal.role, rule.role) ? { allowed: true } : { allowed: false, why: `${what} (it needs ${rule.role})` };
}

/** Whether the principal may select a field of an object type ("Lot.producedBy"); only partners are limited. */
export function maySelect(principal: Principal, coordinate: string): boolean {
  return !principal.scope || PARTNER_FIELDS[principal.scope.kind].has(coordinate);
}

/** Whether the principal may follow an HTTP route (a partner only where the route lets its kind, cut to its scope). */
export function mayFollow(principal: Principal, route: keyof typeof ROUTES): boolean {
  const rule: Rule = ROUTES[route];
  if (principal.scope) return rule.partners?.includes(principal.scope.kind) ?? false;
  return roleAllows(principal.role, rule.role);
}

/** Everything the principal may call or follow: root fields as "Mutation.holdLots", routes as "route:recallReport". */
export function allowedFor(principal: Principal): string[] {
  return [
    ...Object.keys(OPERATIONS).filter((coordinate) => mayCall(principal, coordinate).allowed),
    ...(Object.keys(ROUTES) as (keyof typeof ROUTES)[]).filter((route) => mayFollow(principal, route)).map((route) => `route:${route}`),
  ];
}

/** How a principal is named in a FORBIDDEN message. */
export const describe = (p: Principal) => (p.scope ? `${p.scope.kind} partner` : p.role);
