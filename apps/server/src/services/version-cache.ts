import { indexFormElements, type IndexedElement, type ServiceDefinition } from '@amtsweg/definitions';
import { compileForm, type CompiledForm } from '@amtsweg/forms';
import { compileProcess, type CompiledProcess } from '@amtsweg/process';

/** A published version compiled for use: its definition, form validator and process machine. */
export interface CompiledVersion {
  organisationId: string;
  serviceId: string;
  version: number;
  definition: ServiceDefinition;
  /** The form's fields by data path (labels, options, types), for rendering and file checks. */
  fields: ReadonlyMap<string, IndexedElement>;
  form: CompiledForm;
  process: CompiledProcess;
}

const MAX_ENTRIES = 500;

/**
 * Compiles each published version once and keeps it. Versions are immutable, so an entry never goes stale;
 * the cache is bounded and forgets the least recently used version first.
 */
export class VersionCache {
  private readonly entries = new Map<string, CompiledVersion>();

  /** The compiled version if it is cached (and marks it recently used). */
  find(serviceId: string, version: number): CompiledVersion | undefined {
    const key = `${serviceId}:${version}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
    }
    return cached;
  }

  /** Compiles a stored definition and keeps it. */
  add(organisationId: string, serviceId: string, version: number, definition: unknown): CompiledVersion {
    const parsed = definition as ServiceDefinition;
    const compiled: CompiledVersion = {
      organisationId,
      serviceId,
      version,
      definition: parsed,
      fields: indexFormElements(parsed.form),
      form: compileForm(parsed.form),
      process: compileProcess(parsed.process),
    };
    this.entries.set(`${serviceId}:${version}`, compiled);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return compiled;
  }
}
