/**
 * The finishing of the OpenAPI document (@fastify/swagger's transformObject): the zod schemas with
 * an id become components (fastify-type-provider-zod), those no operation uses are left out (the
 * provider registers each for input and output alike), and a 304 has no body.
 */
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransformObject;
interface OpenApi {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

const REF = /"#\/components\/schemas\/([^"]+)"/g;
const refsIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(REF)].map((m) => m[1]!);

export const finishOpenApi: Transform = (input) => {
  const result = jsonSchemaTransformObject(input);
  const doc = result as OpenApi;
  for (const operations of Object.values(doc.paths ?? {}))
    for (const operation of Object.values(operations)) delete operation.responses?.['304']?.content;
  const schemas = doc.components?.schemas;
  if (schemas === undefined) return result;
  // The components reachable from the paths, then from one another.
  const used = new Set<string>();
  const todo = refsIn(doc.paths);
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    todo.push(...refsIn(schemas[name]));
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return result;
};
