import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root and docker/ (the tests read the real files). */
export const REPOSITORY_DIR = fileURLToPath(new URL('../../..', import.meta.url));
export const DOCKERFILE = fileURLToPath(new URL('../../../docker/Dockerfile', import.meta.url));
export const COMPOSE_FILE = fileURLToPath(new URL('../../../docker/compose.yaml', import.meta.url));

export interface DockerInstruction {
  /** Upper case: `FROM`, `RUN`, `COPY`, … */
  keyword: string;
  /** The rest of the instruction, continuation lines joined. */
  argument: string;
}

export interface DockerStage {
  /** `AS <name>`, if any. */
  name: string | undefined;
  image: string;
  instructions: DockerInstruction[];
}

/** The stages of a Dockerfile, enough of its syntax for our own: comments, `\` continuations, `FROM … AS name`. */
export function parseDockerfile(text: string): DockerStage[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (pending === '' && /^\s*#/.test(line)) continue;
    if (line.trimEnd().endsWith('\\')) {
      pending += `${line.trimEnd().slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole !== '') logical.push(whole);
  }
  const stages: DockerStage[] = [];
  for (const line of logical) {
    const [, keyword = '', argument = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), argument: argument.replace(/\s+/g, ' ').trim() };
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.argument.split(' ');
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${instruction.keyword} before FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stages of docker/Dockerfile. */
export function readDockerfile(): DockerStage[] {
  return parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
}

/** The arguments of an instruction in its own stage, e.g. every `RUN` of the build stage. */
export function argumentsOf(stage: DockerStage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.argument);
}

/** The last value of an instruction in a stage (`WORKDIR`, `USER`, `CMD`), as Docker applies it. */
export function lastArgumentOf(stage: DockerStage, keyword: string): string | undefined {
  return argumentsOf(stage, keyword).at(-1);
}

/** `ENV A=1 B=2` lines of a stage as a record (the `KEY=value` form only, which ours uses). */
export function environmentOf(stage: DockerStage): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const argument of argumentsOf(stage, 'ENV')) {
    for (const pair of argument.split(' ')) {
      const [key, ...value] = pair.split('=');
      if (key && value.length > 0) environment[key] = value.join('=');
    }
  }
  return environment;
}

/** A `CMD` or `ENTRYPOINT` in exec form (a JSON array); the shell form is refused (no signals to node). */
export function execFormOf(argument: string | undefined): string[] {
  if (argument === undefined) throw new Error('no CMD');
  const parsed: unknown = JSON.parse(argument);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`not an exec form: ${argument}`);
  return parsed;
}
