import { z } from 'zod';

/**
 * A wire enum of the reference: its values (keys of `values`, in the reference's order), its
 * reference name as the JSON-schema `id` (the WSDL, WADL and OpenAPI generators use it as the
 * type name) and a description per value.
 */
export function wireEnum<const V extends Record<string, string>>(name: string, values: V) {
  const keys = Object.keys(values) as [keyof V & string, ...(keyof V & string)[]];
  return z.enum(keys).meta({ id: name, description: name, values });
}

/** The reference name of a wire enum made by {@link wireEnum}. */
export function wireEnumName(schema: z.ZodEnum): string {
  const meta = schema.meta() as { id?: string } | undefined;
  if (!meta?.id) throw new TypeError('not a wire enum');
  return meta.id;
}

/** The per-value descriptions of a wire enum made by {@link wireEnum}. */
export function wireEnumDescriptions(schema: z.ZodEnum): Record<string, string> {
  return (schema.meta() as { values?: Record<string, string> } | undefined)?.values ?? {};
}
