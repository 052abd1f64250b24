import { GraphQLError } from 'graphql';

/** The error codes of the public contract (core-contract.graphql), and the fallback for faults. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  UNIT_MISMATCH = 'UNIT_MISMATCH',
  INSUFFICIENT_QUANTITY = 'INSUFFICIENT_QUANTITY',
  LOT_NOT_AVAILABLE = 'LOT_NOT_AVAILABLE',
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
