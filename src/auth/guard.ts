/**
 * The GraphQL side of access control, in two parts:
 * - `accessPlugin` checks the whole operation before anything runs: each root field against
 *   the role's rule, and for a partner key each selected field against what its kind of partner
 *   may see. One field outside gets the whole operation refused with FORBIDDEN (HTTP 403), and
 *   each mutation in it an audit record.
 * - `guardRootFields` wraps every Query and Mutation resolver: the arguments' strings are
 *   checked (codes: printable and short; free text: capped), and each mutation runs audited.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver, type DocumentNode, type GraphQLInputType, GraphQLError, GraphQLInputObjectType,
  GraphQLList, GraphQLNonNull, GraphQLScalarType, type GraphQLSchema, type OperationDefinitionNode, TypeInfo, visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode, HTTP_STATUS } from '../errors.js';
import { CODE_NAME, checkText, type TextKind } from '../validation.js';
import { audited, recordAlone } from './audit.js';
import { describe, mayCall, maySelect } from './policy.js';
import type { Principal } from './principal.js';

const refusal = (code: ErrorCode, message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: HTTP_STATUS[code] } } });

/** The first thing the principal may not do in the operation, as "read batch", or null. */
export function refusalOf(schema: GraphQLSchema, document: DocumentNode, principal: Principal): string | null {
  const typeInfo = new TypeInfo(schema);
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  let why: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (why) return false;
        const parent = typeInfo.getParentType();
        if (!parent || parent.name.startsWith('__') || node.name.value.startsWith('__')) return undefined;
        const coordinate = `${parent.name}.${node.name.value}`;
        if (roots.has(parent.name)) {
          const decision = mayCall(principal, coordinate);
          if (!decision.allowed) why = decision.why;
        } else if (!maySelect(principal, coordinate)) {
          why = `select ${coordinate}`;
        }
        return undefined;
      },
    }),
  );
  return why;
}

/** The root fields a mutation operation runs (none for a query). */
export const mutationFields = (operation: OperationDefinitionNode) =>
  operation.operation === 'mutation'
    ? operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []))
    : [];

export function accessPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: ctx, operation, document, schema, request }) {
          const refuse = async (code: ErrorCode, message: string) => {
            for (const field of operation ? mutationFields(operation) : []) {
              await recordAlone(ctx.db, ctx.principal, field, request.variables ?? {}, code, ctx.log);
            }
            throw refusal(code, message);
          };
          if (!ctx.principal) return refuse(ErrorCode.UNAUTHENTICATED, 'This operation needs an API key.');
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('lotgraph has no subscriptions; send a query or a mutation.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
          const why = refusalOf(schema, document, ctx.principal);
          if (why) await refuse(ErrorCode.FORBIDDEN, `A ${describe(ctx.principal)} key may not ${why}.`);
        },
      };
    },
  };
}


function checkValue(value: unknown, type: GraphQLInputType, name: string, path: string): void {
  if (value === null || value === undefined) return;
  if (type instanceof GraphQLNonNull) return checkValue(value, type.ofType, name, path);
  if (type instanceof GraphQLList) {
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, type.ofType, name, `${path}[${i}]`));
    else checkValue(value, type.ofType, name, path);
    return;
  }
  if (type instanceof GraphQLInputObjectType) {
    const fields = type.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field) checkValue(v, field.type, key, `${path}.${key}`);
    }
    return;
  }
  if (typeof value === 'string' && type instanceof GraphQLScalarType && (type.name === 'ID' || type.name === 'String')) {
    // Codes and ids: by GraphQL type ID, or by a name that says so (supplierLotCode, productSku).
    const kind: TextKind = type.name === 'ID' || CODE_NAME.test(name) ? 'code' : 'text';
    checkText(value, kind, path);
  }
}

/** Wraps each root field's resolver: string checks on its arguments, and an audit for mutations. */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const root of [schema.getQueryType(), mutation]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const check = (args: Record<string, unknown>) => {
        for (const arg of field.args) checkValue(args[arg.name], arg.type, arg.name, arg.name);
      };
      field.resolve =
        root === mutation
          ? (source, args, ctx: Context, info) =>
              audited(ctx.db, ctx.principal, field.name, args, async (db) => {
                check(args);
                return resolve(source, args, { ...ctx, db }, info);
              }, ctx.log)
          : (source, args, ctx: Context, info) => {
              check(args);
              return resolve(source, args, ctx, info);
            };
    }
  }
  return schema;
}
