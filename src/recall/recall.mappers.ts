import type { LotBalanceRecord } from '../lot/lot.mappers.js';
import type { CustomerMapper } from '../party/party.mappers.js';
import type { ShipmentLineMapper } from '../shipping/shipping.mappers.js';

/** A lot's mass balance in a recall scope, with its distance from the start. */
export interface BalanceMapper extends LotBalanceRecord {
  depth: number;
}

export interface ScopeMapper {
  startCodes: string[];
  lots: BalanceMapper[];
  lines: ShipmentLineMapper[];
  sourceCodes: string[];
}

export interface ReconciliationMapper {
  lots: BalanceMapper[];
  gaps: BalanceMapper[];
  percentAccountedFor: number;
}

export interface RecallMapper {
  id: string;
  mock: boolean;
  reason: string;
  classification?: string | null;
  action?: 'HOLD' | 'RECALL' | null;
  status: 'OPEN' | 'CLOSED' | 'PENDING';
  initiatedBy: string;
  initiatedAt: string;
  startedAt: string;
  finishedAt: string;
  durationMs: bigint;
  lotCount: bigint;
  customerCount: bigint;
  lineCount: bigint;
  percentAccountedFor: number;
  closedAt?: string | null;
  closedBy?: string | null;
  outcome?: string | null;
  confirmedAt?: string | null;
  confirmedBy?: string | null;
  originLinkId?: string | null;
  originCompany?: string | null;
  originRecallId?: string | null;
  originStatementId?: string | null;
  recordedAt?: string | null;
  startCodes: string[];
  changedCodes: string[];
}

export interface NotificationMapper {
  recallId: string;
  customer: CustomerMapper;
  status: 'PENDING' | 'NOTIFIED' | 'ACKNOWLEDGED';
  notifiedAt?: string | null;
  acknowledgedAt?: string | null;
  note?: string | null;
  /** Where the customer is a linked partner: each delivery of the notice to its lotgraph (JSON entries). */
  timeline?: string[] | null;
  attempts?: bigint | null;
  nextAttemptAt?: string | null;
  acknowledgement?: string | null;
}

export interface CandidateLotMapper {
  code: string;
  score: number;
  customerId: string;
  shipmentIds: string[];
}

export interface CustomerExposureMapper {
  customer: CustomerMapper;
  lines: ShipmentLineMapper[];
}

export interface ProductTotalMapper {
  productSku: string;
  productName: string;
  unit: string;
  lots: number;
  receivedBase: bigint;
  consumedBase: bigint;
  shippedBase: bigint;
  onHandBase: bigint;
}

/** What became of one lot: its own balance and totals per product made from it. */
export interface LotUsageMapper {
  lot: BalanceMapper;
  products: ProductTotalMapper[];
}
