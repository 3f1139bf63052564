import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import expressionSchema from '@amtsweg/schemas/expression.schema.json' with { type: 'json' };
import definitionSchema from '@amtsweg/schemas/service-definition.schema.json' with { type: 'json' };
import type { Diagnostic } from './diagnostic';

let compiled: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv, ['date', 'regex']);
    ajv.addSchema(expressionSchema);
    compiled = ajv.compile(definitionSchema);
  }
  return compiled;
}

/**
 * Validates a service definition against the public JSON Schema. Returns every violation as a diagnostic
 * with the JSON pointer of the offending node; an empty list means the structure is sound.
 */
export function validateDefinitionSchema(definition: unknown): Diagnostic[] {
  const validate = getValidator();
  if (validate(definition)) return [];
  return dedupe((validate.errors ?? []).filter(isInformative).map(toDiagnostic));
}

function toDiagnostic(error: ErrorObject): Diagnostic {
  if (error.keyword === 'required' && error.params.missingProperty === 'de') {
    return {
      code: 'MISSING_GERMAN_TEXT',
      severity: 'error',
      path: `${error.instancePath}/de`,
      message: 'Der deutsche Text fehlt.',
    };
  }
  if (error.keyword === 'discriminator') {
    const tag = String(error.params.tag);
    return {
      code: 'SCHEMA_INVALID',
      severity: 'error',
      path: `${error.instancePath}/${tag}`,
      message:
        error.params.error === 'tag'
          ? `Die Angabe „${tag}“ fehlt oder ist kein Text.`
          : `„${String(error.params.tagValue)}“ ist hier kein bekannter Typ.`,
    };
  }
  const path =
    error.keyword === 'required'
      ? `${error.instancePath}/${String(error.params.missingProperty)}`
      : error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
        ? `${error.instancePath}/${String(error.params.additionalProperty ?? error.params.unevaluatedProperty)}`
        : error.instancePath;
  return { code: 'SCHEMA_INVALID', severity: 'error', path, message: describeSchemaError(error) };
}

function describeSchemaError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `Die Angabe „${String(params.missingProperty)}“ fehlt.`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `Die Angabe „${String(params.additionalProperty ?? params.unevaluatedProperty)}“ ist hier nicht erlaubt.`;
    case 'type':
      return `Falscher Typ: erwartet ${String(params.type)}.`;
    case 'enum':
      return `Unzulässiger Wert; erlaubt sind: ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'const':
      return `Unzulässiger Wert; erwartet ${JSON.stringify(params.allowedValue)}.`;
    case 'pattern':
      return 'Der Wert hat nicht die erwartete Form.';
    default:
      return `Ungültiger Wert (${error.keyword}: ${error.message ?? ''}).`;
  }
}

/** `oneOf`/`anyOf`/`if` summaries repeat what their branches already said. */
function isInformative(error: ErrorObject): boolean {
  return !['oneOf', 'anyOf', 'if', 'allOf', '$ref'].includes(error.keyword);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const id = `${d.code}|${d.path}|${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
