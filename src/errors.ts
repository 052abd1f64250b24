import { GraphQLError } from 'graphql';

/** The error codes of the public contract (core-contract.graphql), and the fallback for faults. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  UNIT_MISMATCH = 'UNIT_MISMATCH',
  INSUFFICIENT_QUANTITY = 'INSUFFICIENT_QUANTITY',
  LOT_NOT_AVAILABLE = 'LOT_NOT_AVAILABLE',
  /** No key, or a key that is unknown or revoked: HTTP 401. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The key's role or partner scope does not allow the operation: HTTP 403. */
  FORBIDDEN = 'FORBIDDEN',
  /** The key sent more requests than its role's rate limit allows: HTTP 429 with Retry-After. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** Neo4j does not answer: HTTP 503 with Retry-After; the service recovers when it is back. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** An error the client caused and can act on: it reaches the client with its code and message. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.name = 'DomainError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

/** The HTTP status that goes with each code the HTTP front answers with itself. */
export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

export const unauthenticated = (why: string) =>
  new DomainError(ErrorCode.UNAUTHENTICATED, `${why} Send an API key as "Authorization: Bearer lg_...".`);

export const forbidden = (what: string, role: string) =>
  new DomainError(ErrorCode.FORBIDDEN, `A ${role} key may not ${what}.`, { role });

/** Neo4j ended a read that ran longer than LOTGRAPH_READ_TIMEOUT_MS. */
export const isTimeout = (error: unknown): boolean =>
  /^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test((error as { code?: string })?.code ?? '');

/** Neo4j's driver could not reach the database (refused, lost or timed out connections), or a read ran out of time. */
export const isUnavailable = (error: unknown): boolean => {
  const code = (error as { code?: string })?.code;
  return code === 'ServiceUnavailable' || code === 'SessionExpired' || isTimeout(error);
};

export const serviceUnavailable = (cause?: unknown) =>
  new DomainError(
    ErrorCode.SERVICE_UNAVAILABLE,
    isTimeout(cause)
      ? 'The question ran longer than the server allows (LOTGRAPH_READ_TIMEOUT_MS); ask for less (a maxDepth, a narrower range) or try again later.'
      : 'The database does not answer; try again shortly.',
  );

export const badInput = (message: string, field?: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

export const notFound = (kind: string, key: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `No ${kind} has the code or id "${key}".`, { kind, key });

export const alreadyExists = (kind: string, key: string, why = 'is taken by a different record') =>
  new DomainError(ErrorCode.ALREADY_EXISTS, `The ${kind} code "${key}" ${why}.`, { kind, key });

export const unitMismatch = (lotCode: string, given: string, lotUnit: string) =>
  new DomainError(
    ErrorCode.UNIT_MISMATCH,
    `Lot ${lotCode} is counted in ${lotUnit}; ${given} does not convert to it.`,
    { lotCode, unit: given, lotUnit },
  );

export const insufficientQuantity = (lotCode: string, onHand: string, wanted: string) =>
  new DomainError(
    ErrorCode.INSUFFICIENT_QUANTITY,
    `Lot ${lotCode} has ${onHand} on hand; ${wanted} was asked for.`,
    { lotCode, onHand, wanted },
  );

export const lotNotAvailable = (lotCode: string, status: string) =>
  new DomainError(
    ErrorCode.LOT_NOT_AVAILABLE,
    `Lot ${lotCode} is ${status.toLowerCase().replace('_', ' ')} and cannot be consumed or shipped.`,
    { lotCode, status },
  );
