export interface TracedLotMapper {
  code: string;
  depth: number;
}

export interface TraceMapper {
  /** Which way it went (the resolvers' own answers say; partner steps are backward only). */
  direction?: 'backward' | 'forward';
  lots: TracedLotMapper[];
  batchCodes: string[];
  truncated: boolean;
}
