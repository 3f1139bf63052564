// The three validators, each used the way a server uses it, behind one interface: `prepare` maps a submission
// into the engine's data shape (not timed), `validate` is what a request handler runs (timed).
import { processSync, ProcessTargets, type Component, type ProcessContext, type ValidationScope } from '@formio/core';
import { Model, type PanelModel, type Question, type QuestionPanelDynamicModel } from 'survey-core';
import { compileForm } from '../../src/index';
import { SONDERNUTZUNG_FORM } from './amtsweg-form';
import { SONDERNUTZUNG_FORMIO, toFormioData } from './formio-form';
import { SONDERNUTZUNG_SURVEY, toSurveyData } from './surveyjs-form';

export type EngineId = 'amtsweg' | 'formio' | 'surveyjs' | 'surveyjsReused';

export interface ValidationOutcome {
  accepted: boolean;
  /** Data paths of the fields with errors, in the engine's order: `contacts.1.phone`. */
  fields: string[];
}

export interface BenchEngine {
  id: EngineId;
  label: string;
  prepare(data: Record<string, unknown>): Record<string, unknown>;
  validate(prepared: Record<string, unknown>): ValidationOutcome;
}

/** Amtsweg: compiled once (as when a version is published), then one call per submission. */
export function createAmtswegEngine(): BenchEngine {
  const form = compileForm(SONDERNUTZUNG_FORM);
  return {
    id: 'amtsweg',
    label: 'Amtsweg',
    prepare: (data) => data,
    validate(prepared) {
      // validate() copies the submission itself before normalising it.
      const result = form.validate(prepared);
      if (result.valid) return { accepted: true, fields: [] };
      return { accepted: false, fields: result.errors.map((e) => e.path.slice(1).replaceAll('/', '.')) };
    },
  };
}

/**
 * Form.io: what the Form.io server's Validator does per request, with @formio/core's processSync: the
 * `submission` processors (filter, server defaults, normalize, simple conditions, server rules), then the
 * `evaluator` processors (logic, conditions, clear hidden values, validation rules) on the same context.
 * The server runs the evaluator step inside an isolated VM (@formio/vm); here it runs in-process, which
 * only favours Form.io.
 */
export function createFormioEngine(): BenchEngine {
  // The stored form JSON; the library's Component union also describes renderer state, hence the cast.
  const form = { ...SONDERNUTZUNG_FORMIO, components: SONDERNUTZUNG_FORMIO.components as unknown as Component[] };
  const { submission: submissionProcessors, evaluator: evaluatorProcessors } = ProcessTargets;
  if (!submissionProcessors || !evaluatorProcessors) throw new Error('@formio/core has no submission or evaluator process target');
  return {
    id: 'formio',
    label: 'Form.io (@formio/core processSync)',
    prepare: toFormioData,
    validate(prepared) {
      // processSync changes the data it is given (normalising, clearing hidden values); a server works on the
      // freshly parsed body, so each run gets its own copy, as Amtsweg's validate() makes one.
      const submission = { data: structuredClone(prepared) };
      const context: ProcessContext<ValidationScope> & { config: Record<string, unknown> } = {
        form,
        submission,
        data: submission.data,
        components: form.components,
        processors: submissionProcessors,
        scope: { errors: [] },
        config: { server: true },
      };
      processSync(context);
      submission.data = context.data;
      context.processors = evaluatorProcessors;
      processSync(context);
      const errors = context.scope.errors;
      if (errors.length === 0) return { accepted: true, fields: [] };
      return { accepted: false, fields: errors.map((e) => e.context.path.replace(/\[(\d+)\]/g, '.$1')) };
    },
  };
}

/**
 * SurveyJS: a Model holds one respondent's answers and state, so a server validating concurrent submissions
 * builds one per submission from the survey JSON, sets the data and validates every page.
 */
export function createSurveyjsEngine(): BenchEngine {
  return {
    id: 'surveyjs',
    label: 'SurveyJS (new Model per submission)',
    prepare: toSurveyData,
    validate(prepared) {
      const model = new Model(SONDERNUTZUNG_SURVEY);
      model.data = prepared;
      return surveyOutcome(model, model.validate(true, false));
    },
  };
}

/**
 * SurveyJS with one Model kept: cheaper, but one submission at a time. Setting only the data is not enough:
 * a dynamic panel keeps the previous submission's panels (an empty list then passes as one old item), so the
 * Model is cleared first.
 */
export function createSurveyjsReusedEngine(): BenchEngine {
  const model = new Model(SONDERNUTZUNG_SURVEY);
  return {
    id: 'surveyjsReused',
    label: 'SurveyJS (one Model reused: clear, set data)',
    prepare: toSurveyData,
    validate(prepared) {
      model.clear(true, true);
      model.data = prepared;
      return surveyOutcome(model, model.validate(true, false));
    },
  };
}

export interface LogCapture {
  count(): number;
  restore(): void;
}

/**
 * @formio/core reports a rule that throws with `console.error('Validator error:', …)` and carries on. It does
 * so for every empty optional number with min/max (2.8.3 normalises it to undefined, and the rule then cannot
 * read NaN). Counting those lines instead of printing them keeps the output readable and costs Form.io less
 * than writing them would.
 */
export function captureFormioValidatorLog(): LogCapture {
  const original = console.error;
  let count = 0;
  console.error = (...args: unknown[]): void => {
    if (args[0] === 'Validator error:') count++;
    else original(...args);
  };
  return {
    count: () => count,
    restore: () => {
      console.error = original;
    },
  };
}

function surveyOutcome(model: Model, valid: boolean): ValidationOutcome {
  if (valid) return { accepted: true, fields: [] };
  const fields = model
    .getAllQuestions(false, false, true)
    .filter((question) => question.errors.length > 0)
    .map(describeQuestionPath);
  return { accepted: false, fields };
}

/** `contacts.1.phone` for a question inside the 2nd panel of a dynamic panel, the name otherwise. */
function describeQuestionPath(question: Question): string {
  const owner = question.parentQuestion as Question | null;
  if (owner?.getType() !== 'paneldynamic') return question.name;
  const index = (owner as QuestionPanelDynamicModel).panels.indexOf(question.parent as PanelModel);
  return `${owner.name}.${index}.${question.name}`;
}
