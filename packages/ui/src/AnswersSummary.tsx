import type { ReactNode } from 'react';
import type { FieldElement, FileReference, FormDefinition, FormPage } from '@amtsweg/definitions';
import { localize, type UiLanguage } from './localize';
import { calculate, readAnswer, ROOT, visiblePages, walkShown, type Answers, type Location } from './form-walk';
import { displayText, formatDateForInput, formatNumberForPeople } from './input-values';
import { uiText } from './ui-texts';

export interface AnswersSummaryProps {
  form: FormDefinition;
  answers: Answers;
  language: string;
  uiLanguage: UiLanguage;
  /** Where "Change" leads for an answer; without it the summary is read-only (the inbox, a receipt). */
  changeHref?: (page: FormPage, pointer: string) => string;
  onChangeLink?: (event: React.MouseEvent<HTMLAnchorElement>, href: string) => void;
  today?: string;
  /** Heading level of the page titles (2 on the check page). */
  headingLevel?: 2 | 3;
}

/**
 * Every shown answer with the form's own labels, page by page ("check your answers", WCAG 3.3.4), with a
 * "Change" link per answer; the same list, without links, is the read-only view of a submission.
 */
export function AnswersSummary(props: AnswersSummaryProps): ReactNode {
  const { form, answers, language, uiLanguage } = props;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const SubHeading = props.headingLevel === 3 ? 'h4' : 'h3';
  return (
    <div className="aw-answers">
      {visiblePages(form, answers, props.today).map((page) => {
        // Answers are listed in blocks: the page's own, then one per group and per repeating-group item,
        // each under its heading ("Angaben zur Person", "Hund 2").
        const headings = new Map<string, string>();
        const blocks: { container: string; heading: string | undefined; rows: ReactNode[] }[] = [];
        walkShown(
          page.elements,
          answers,
          ROOT,
          (node) => {
            const label = localize(node.element.label, language);
            if (node.kind === 'group') headings.set(node.at.pointer, label);
            if (node.kind === 'repeat') {
              const itemName = localize(node.element.itemLabel, language);
              for (let index = 0; index < node.items; index++) headings.set(`${node.at.pointer}/${index}`, `${itemName} ${index + 1}`);
            }
            if (node.kind === 'group' || (node.kind === 'repeat' && node.items > 0)) return;
            const container = node.at.pointer.slice(0, node.at.pointer.lastIndexOf('/'));
            let block = blocks.at(-1);
            if (!block || block.container !== container) {
              block = { container, heading: headings.get(container), rows: [] };
              blocks.push(block);
            }
            const value = node.kind === 'repeat' ? uiText('notAnswered', uiLanguage) : formatAnswer(node.element, node.at, answers, language, uiLanguage, props.today);
            block.rows.push(row(node.at.pointer, label, block.heading, value, page, props));
          },
          props.today,
        );
        return (
          <section key={page.id} className="aw-answers-page" aria-labelledby={`aw-answers-${page.id}`}>
            <Heading id={`aw-answers-${page.id}`} className="aw-answers-title">
              {localize(page.title, language)}
            </Heading>
            {blocks.map((block) => (
              <div key={block.container || 'page'} className="aw-answers-block">
                {block.heading ? <SubHeading className="aw-answers-subheading">{block.heading}</SubHeading> : null}
                <dl className="aw-answers-list">{block.rows}</dl>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}

function row(pointer: string, label: string, heading: string | undefined, value: ReactNode, page: FormPage, props: AnswersSummaryProps): ReactNode {
  const href = props.changeHref?.(page, pointer);
  return (
    <div key={pointer} className="aw-answers-row">
      <dt className="aw-answers-key">{label}</dt>
      <dd className="aw-answers-value">{value}</dd>
      {href ? (
        <dd className="aw-answers-action">
          <a href={href} onClick={props.onChangeLink ? (event) => props.onChangeLink!(event, href) : undefined}>
            {uiText('change', props.uiLanguage)}
            <span className="aw-visually-hidden"> {heading ? `${heading} – ${label}` : label}</span>
          </a>
        </dd>
      ) : null}
    </div>
  );
}

/** An answer as people read it: option labels, Ja/Nein, German dates, money with two decimals, file names. */
export function formatAnswer(element: FieldElement, at: Location, answers: Answers, language: string, uiLanguage: UiLanguage, today?: string): ReactNode {
  const value = element.type === 'calculated' ? calculate(element.expression, answers, at, today) : readAnswer(answers, at);
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return uiText('notAnswered', uiLanguage);
  switch (element.type) {
    case 'select':
    case 'radio':
      return localize(element.options.find((option) => option.value === value)?.label, language) || displayText(value);
    case 'checkboxes':
      return (value as string[]).map((v) => localize(element.options.find((option) => option.value === v)?.label, language) || v).join(', ');
    case 'yesNo':
      return value === true ? uiText('yes', uiLanguage) : uiText('no', uiLanguage);
    case 'date':
      return formatDateForInput(value, uiLanguage);
    case 'money':
    case 'number':
    case 'integer':
      return typeof value === 'number' ? formatNumberForPeople(value, language, element.type === 'money') : displayText(value);
    case 'calculated':
      return typeof value === 'number' ? formatNumberForPeople(value, language, element.valueType === 'money') : displayText(value);
    case 'file':
      return (
        <ul className="aw-plain-list">
          {(value as FileReference[]).map((file) => (
            <li key={file.id}>{file.name}</li>
          ))}
        </ul>
      );
    case 'textarea':
      return <span className="aw-preserve-lines">{displayText(value)}</span>;
    default:
      return displayText(value);
  }
}
