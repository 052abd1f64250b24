/**
 * Who is asking: every request but /health answers to a principal, the key it came with.
 * A partner key carries a scope (one customer or one supplier of ours) and sees only what FSMA
 * 204 lets that partner see; its scope reaches the repositories as the Cypher parameter $scope.
 */
export const ROLES = ['viewer', 'recorder', 'quality', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Whether a key of role `have` may do what needs role `need` (each role includes the ones before it). */
export const roleAllows = (have: Role, need: Role) => ROLES.indexOf(have) >= ROLES.indexOf(need);

export type PartnerKind = 'customer' | 'supplier';

export interface PartnerScope {
  kind: PartnerKind;
  /** The customer's or supplier's id. */
  id: string;
}

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  scope: PartnerScope | null;
  /** A customer's key that may ask what went into the lots that customer received from us (one step up). */
  sharesLineage?: boolean;
  /** The bootstrap admin key: no rate limit, so that imports and benchmarks run at full speed. */
  bootstrap: boolean;
}

/** The Cypher parameter $scope: null for the company's own keys, else the partner's id. */
export interface ScopeParam {
  customerId: string | null;
  supplierId: string | null;
}

export const scopeParam = (scope: PartnerScope | null | undefined): ScopeParam | null =>
  scope ? { customerId: scope.kind === 'customer' ? scope.id : null, supplierId: scope.kind === 'supplier' ? scope.id : null } : null;

export const BOOTSTRAP_KEY_ID = 'bootstrap-admin';

export const bootstrapPrincipal: Principal = {
  keyId: BOOTSTRAP_KEY_ID,
  name: 'bootstrap admin',
  role: 'admin',
  scope: null,
  bootstrap: true,
};

/** The service's own work (start-up, demo data, command-line tools): no key, no scope. */
export const systemPrincipal: Principal = { keyId: 'system', name: 'lotgraph itself', role: 'admin', scope: null, bootstrap: true };
