export interface LocationMapper {
  id: string;
  businessName: string;
  phone?: string | null;
  street?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
  fdaRegistration?: string | null;
  gln?: string | null;
  url?: string | null;
  own?: boolean | null;
  /** Set by EPCIS capture on a place known only by its GLN; describing it clears it. */
  stub?: boolean | null;
}

export interface ProductMapper {
  sku: string;
  name: string;
  gtin?: string | null;
  brand?: string | null;
  commodity?: string | null;
  variety?: string | null;
  packSize?: string | null;
  packStyle?: string | null;
  onFoodTraceabilityList?: boolean | null;
  /** Set by EPCIS capture on a product known only by its GTIN; describing it clears it. */
  stub?: boolean | null;
}

export interface FsmaPageMapper {
  cte: 'RECEIVING' | 'TRANSFORMATION' | 'SHIPPING';
  columns: string[];
  rows: (string | number | null)[][];
  hasMore: boolean;
}

export interface KdeGapMapper {
  cte: FsmaPageMapper['cte'];
  recordId: string;
  lotCode: string;
  missing: string[];
}
