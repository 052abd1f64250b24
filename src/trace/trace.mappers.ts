export interface TracedLotMapper {
  code: string;
  depth: number;
}

export interface TraceMapper {
  /** Which way it went (the resolvers' own answers say; partner steps are backward only). */
  direction?: 'backward' | 'forward';
  /** Asked to reach into linked suppliers' lotgraphs too (backward traces of our own keys). */
  acrossPartners?: boolean;
  lots: TracedLotMapper[];
  batchCodes: string[];
  truncated: boolean;
}
