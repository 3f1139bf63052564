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
      messageEn: 'The German text is missing.',
    };
  }
  if (error.keyword === 'discriminator') {
    const tag = String(error.params.tag);
    const missing = error.params.error === 'tag';
    return {
      code: 'SCHEMA_INVALID',
      severity: 'error',
      path: `${error.instancePath}/${tag}`,
      message: missing ? `Die Angabe „${tag}“ fehlt oder ist kein Text.` : `„${String(error.params.tagValue)}“ ist hier kein bekannter Typ.`,
      messageEn: missing ? `“${tag}” is missing or not a text.` : `“${String(error.params.tagValue)}” is not a known type here.`,
    };
  }
  const path =
    error.keyword === 'required'
      ? `${error.instancePath}/${String(error.params.missingProperty)}`
      : error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
        ? `${error.instancePath}/${String(error.params.additionalProperty ?? error.params.unevaluatedProperty)}`
        : error.instancePath;
  const [message, messageEn] = describeSchemaError(error);
  return { code: 'SCHEMA_INVALID', severity: 'error', path, message, messageEn };
}

/** The German and the English explanation of a schema violation. */
function describeSchemaError(error: ErrorObject): [string, string] {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [`Die Angabe „${String(params.missingProperty)}“ fehlt.`, `“${String(params.missingProperty)}” is missing.`];
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      return [`Die Angabe „${name}“ ist hier nicht erlaubt.`, `“${name}” is not allowed here.`];
    }
    case 'type':
      return [`Falscher Typ: erwartet ${String(params.type)}.`, `Wrong type: expected ${String(params.type)}.`];
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).join(', ');
      return [`Unzulässiger Wert; erlaubt sind: ${allowed}.`, `Value not allowed; allowed are: ${allowed}.`];
    }
    case 'const':
      return [`Unzulässiger Wert; erwartet ${JSON.stringify(params.allowedValue)}.`, `Value not allowed; expected ${JSON.stringify(params.allowedValue)}.`];
    case 'pattern':
      return ['Der Wert hat nicht die erwartete Form.', 'The value does not have the expected form.'];
    case 'maxItems':
      return [`Zu viele Einträge: höchstens ${String(params.limit)}.`, `Too many entries: at most ${String(params.limit)}.`];
    case 'maxLength':
      return [`Zu lang: höchstens ${String(params.limit)} Zeichen.`, `Too long: at most ${String(params.limit)} characters.`];
    default:
      return [`Ungültiger Wert (${error.keyword}: ${error.message ?? ''}).`, `Invalid value (${error.keyword}: ${error.message ?? ''}).`];
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
