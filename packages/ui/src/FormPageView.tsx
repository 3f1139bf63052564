import { useEffect, useRef, type ReactNode } from 'react';
import type { FormElement, FormPage, RepeatElement } from '@amtsweg/definitions';
import { localize, type UiLanguage } from './localize';
import { calculate, childLocation, fieldId, isRequiredNow, isShown, itemLocation, readAnswer, repeatItems, type Answers, type Location } from './form-walk';
import { FieldInput } from './FieldInput';
import type { FileUploader } from './FileInput';
import { uiText } from './ui-texts';

export interface FormPageViewProps {
  page: FormPage;
  answers: Answers;
  /** Language of the definition's texts. */
  language: string;
  uiLanguage: UiLanguage;
  /** Error messages by JSON pointer (`/dogs/1/name`). */
  errors: ReadonlyMap<string, string>;
  onChange: (pointer: string, value: unknown) => void;
  upload?: FileUploader;
  /** ISO date for `today` in conditions; the browser's date by default. */
  today?: string;
}

/**
 * One page of a form. Conditions are evaluated on every render with the shared evaluator, so a field shows or
 * hides the moment the answer it depends on changes.
 */
export function FormPageView(props: FormPageViewProps): ReactNode {
  return <div className="aw-form-page">{renderElements(props.page.elements, { pointer: '', path: '', items: {} }, props, undefined)}</div>;
}

function renderElements(elements: FormElement[], at: Location, props: FormPageViewProps, itemLabel: string | undefined): ReactNode[] {
  return elements
    .filter((element) => isShown(element, props.answers, at, props.today))
    .map((element) => {
      if (element.type === 'staticText') {
        return (
          <div key={element.key} className="aw-static-text">
            {localize(element.content, props.language)
              .split(/\n{2,}/)
              .map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
          </div>
        );
      }
      const here = childLocation(at, element.key);
      if (element.type === 'group') {
        return (
          <fieldset key={element.key} className="aw-group">
            <legend className="aw-group-legend">{localize(element.label, props.language)}</legend>
            {element.hint ? <div className="aw-hint">{localize(element.hint, props.language)}</div> : null}
            {renderElements(element.elements, here, props, itemLabel)}
          </fieldset>
        );
      }
      if (element.type === 'repeat') return <RepeatGroup key={element.key} element={element} at={here} props={props} />;
      const value = element.type === 'calculated' ? calculate(element.expression, props.answers, at, props.today) : readAnswer(props.answers, here);
      return (
        <FieldInput
          key={element.key}
          element={element}
          pointer={here.pointer}
          path={here.path}
          value={value}
          language={props.language}
          uiLanguage={props.uiLanguage}
          required={isRequiredNow(element, props.answers, at, props.today)}
          error={props.errors.get(here.pointer)}
          onChange={(next) => props.onChange(here.pointer, next)}
          upload={props.upload}
          {...(itemLabel ? { itemLabel } : {})}
        />
      );
    });
}

/**
 * A repeating group ("add another dog"): each item is a fieldset named "Hund 1", "Hund 2"; adding moves the
 * focus to the new item's first input, removing moves it to the add button, so keyboard users keep their place.
 */
function RepeatGroup({ element, at, props }: { element: RepeatElement; at: Location; props: FormPageViewProps }): ReactNode {
  const items = repeatItems(props.answers, at);
  const itemName = localize(element.itemLabel, props.language);
  const addRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const error = props.errors.get(at.pointer);
  const addId = fieldId(at.pointer);
  const { uiLanguage } = props;
  const minItems = element.minItems ?? 0;
  // A group that needs items starts with them, so the first dog's fields are there to fill.
  useEffect(() => {
    if (items.length === 0 && minItems > 0) props.onChange(at.pointer, Array.from({ length: minItems }, () => ({})));
  }, [items.length, minItems, at.pointer, props]);

  const add = () => {
    props.onChange(at.pointer, [...items, {}]);
    // After React has rendered the new item, put the focus into it.
    requestAnimationFrame(() => {
      const last = listRef.current?.querySelector<HTMLElement>('.aw-repeat-item:last-of-type :is(input, select, textarea)');
      last?.focus();
    });
  };
  const remove = (index: number) => {
    props.onChange(
      at.pointer,
      items.filter((_item, i) => i !== index),
    );
    requestAnimationFrame(() => addRef.current?.focus());
  };

  return (
    <fieldset className={`aw-repeat${error ? ' aw-field--error' : ''}`} aria-describedby={error ? `${addId}-error` : undefined}>
      <legend className="aw-group-legend">{localize(element.label, props.language)}</legend>
      {element.hint ? <div className="aw-hint">{localize(element.hint, props.language)}</div> : null}
      <div ref={listRef}>
        {items.map((_item, index) => {
          const itemAt = itemLocation(at, index);
          const title = `${itemName} ${index + 1}`;
          return (
            <fieldset key={index} className="aw-repeat-item">
              <legend className="aw-repeat-legend">{title}</legend>
              {renderElements(element.elements, itemAt, props, title)}
              {items.length > minItems ? (
                <button type="button" className="aw-button aw-button--secondary" onClick={() => remove(index)}>
                  {uiText('removeItem', uiLanguage)(title)}
                </button>
              ) : null}
            </fieldset>
          );
        })}
      </div>
      {error ? (
        <p id={`${addId}-error`} className="aw-error-message">
          <span className="aw-visually-hidden">{uiText('errorPrefix', uiLanguage)} </span>
          {error}
        </p>
      ) : null}
      {items.length < element.maxItems ? (
        <button ref={addRef} id={addId} type="button" className="aw-button aw-button--secondary" onClick={add}>
          {uiText('addItem', uiLanguage)(itemName, items.length > 0)}
        </button>
      ) : (
        <p className="aw-hint">{uiText('itemCount', uiLanguage)(items.length, element.maxItems)}</p>
      )}
    </fieldset>
  );
}
