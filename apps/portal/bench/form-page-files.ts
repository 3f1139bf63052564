import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PORTAL_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

/**
 * The files a browser loads for a form page of the built portal: the entry, the application page's chunk and
 * what they import statically (read from Vite's manifest), with the modules inside them.
 */
export function formPageFiles(dist = join(PORTAL_ROOT, 'dist')): { scripts: string[]; styles: string[]; modules: string[] } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const chunkModules = JSON.parse(readFileSync(join(dist, '.vite', 'chunk-modules.json'), 'utf8')) as Record<string, string[]>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  visit(entryKey);
  visit('src/pages/ApplicationPage.tsx');
  const chunks = [...seen].map((key) => manifest[key]!);
  const scripts = chunks.map((chunk) => chunk.file);
  return {
    scripts,
    styles: [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))],
    modules: scripts.flatMap((file) => chunkModules[file] ?? []),
  };
}
