export interface TracedLotMapper {
  code: string;
  depth: number;
}

export interface TraceMapper {
  lots: TracedLotMapper[];
  batchCodes: string[];
  truncated: boolean;
}
