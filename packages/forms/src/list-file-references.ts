import type { FileReference, FormDefinition, FormElement } from '@amtsweg/definitions';

/** A file referenced by a submission, with the JSON pointer of its place in the data. */
export interface LocatedFileReference {
  pointer: string;
  /** Data path of the file field, e.g. `dogs.certificate`. */
  field: string;
  reference: FileReference;
}

/**
 * Lists every file reference in (validated) submission data, in form order, so the server can check that
 * each names a file that was really uploaded for this field.
 */
export function listFileReferences(form: FormDefinition, data: Record<string, unknown>): LocatedFileReference[] {
  const found: LocatedFileReference[] = [];
  for (const page of form.pages) collect(page.elements, data, '', '', found);
  return found;
}

function collect(elements: FormElement[], target: Record<string, unknown>, pointer: string, pathPrefix: string, found: LocatedFileReference[]): void {
  for (const element of elements) {
    if (element.type === 'staticText') continue;
    const value = target[element.key];
    const at = `${pointer}/${element.key}`;
    const path = pathPrefix === '' ? element.key : `${pathPrefix}.${element.key}`;
    if (element.type === 'file' && Array.isArray(value)) {
      value.forEach((reference, index) => found.push({ pointer: `${at}/${index}`, field: path, reference: reference as FileReference }));
    } else if (element.type === 'group' && isRecord(value)) {
      collect(element.elements, value, at, path, found);
    } else if (element.type === 'repeat' && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isRecord(item)) collect(element.elements, item, `${at}/${index}`, path, found);
      });
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
