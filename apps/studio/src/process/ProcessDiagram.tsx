import { useId, useMemo, type ReactNode } from 'react';
import type { ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import { localize } from '@amtsweg/ui';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguage } from '../i18n';
import { DIAGRAM_SIZES, layoutProcessDiagram } from './layout-process-diagram';
import { KIND_TEXT_KEYS, OUTCOME_TEXT_KEYS, PROCESS_TEXTS } from './process-texts';

/** Cuts a text to `length` characters with an ellipsis (SVG text does not wrap). */
function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/**
 * The procedure drawn as boxes and arrows (inline SVG, laid out by `layoutProcessDiagram`). A picture for
 * orientation: it has a text alternative, and the list editor below is its accessible equivalent. The kind of
 * each state is written in its box (and final states have a double frame), never shown by colour alone.
 */
export function ProcessDiagram({ definition }: { definition: ServiceDefinition }): ReactNode {
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const titleId = useId();
  const descriptionId = useId();
  const layout = useMemo(() => layoutProcessDiagram(definition.process), [definition.process]);
  const { nodeWidth: W, nodeHeight: H } = DIAGRAM_SIZES;
  const states = definition.process.states;
  const roles = new Map(definition.settings.roles.map((role) => [role.id, role.label]));
  const actionCount = states.reduce((sum, state) => sum + (state.actions ?? []).length, 0);
  const quote = (text: string) => (language === 'de' ? `„${text}“` : `“${text}”`);
  const initial = states.find((state) => state.id === definition.process.initial);
  const ends = states.filter((state) => state.kind === 'final').map((state) => quote(localize(state.label, language)));

  const kindLine = (state: ProcessState): string => {
    if (state.kind === 'final') return state.outcome ? `${t('kindFinal')}: ${t(OUTCOME_TEXT_KEYS[state.outcome])}` : t('kindFinal');
    const kind = t(KIND_TEXT_KEYS[state.kind]);
    const role = state.kind === 'task' && state.role !== undefined ? roles.get(state.role) : undefined;
    return role ? `${kind} · ${localize(role, language)}` : kind;
  };

  return (
    <figure className="st-diagram">
      <div className="st-diagram-scroll" tabIndex={0} role="region" aria-label={t('diagramRegion')}>
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descriptionId}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          className="st-diagram-svg"
        >
          <title id={titleId}>{t('diagramTitle')(states.length, actionCount)}</title>
          <desc id={descriptionId}>
            {t('diagramDescription')(initial ? quote(localize(initial.label, language)) : '–', ends.length > 0 ? ends.join(', ') : t('diagramNoEnd'))}
          </desc>
          <defs>
            <marker id="st-diagram-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="st-diagram-arrowhead" />
            </marker>
          </defs>
          <g>
            {layout.edges.map((edge) => (
              <path
                key={`${edge.stateIndex}:${edge.actionIndex}`}
                d={edge.path}
                className={`st-diagram-edge st-diagram-edge--${edge.direction}`}
                markerEnd="url(#st-diagram-arrow)"
              />
            ))}
          </g>
          <g>
            {layout.nodes.map((node) => {
              const state = states[node.index]!;
              const isInitial = state.id === definition.process.initial;
              const second = [kindLine(state), isInitial ? t('diagramStart') : '', node.reachable ? '' : t('diagramUnreachable')].filter((part) => part !== '').join(' · ');
              return (
                <g key={node.index} className={`st-diagram-node st-diagram-node--${state.kind}${isInitial ? ' st-diagram-node--initial' : ''}`}>
                  <rect x={node.x} y={node.y} width={W} height={H} rx={4} />
                  {state.kind === 'final' ? <rect x={node.x + 4} y={node.y + 4} width={W - 8} height={H - 8} rx={2} className="st-diagram-inner" /> : null}
                  <text x={node.x + W / 2} y={node.y + 24} className="st-diagram-state-label">
                    {shorten(localize(state.label, language) || t('noLabel'), 21)}
                  </text>
                  <text x={node.x + W / 2} y={node.y + 43} className="st-diagram-state-kind">
                    {shorten(second, 27)}
                  </text>
                </g>
              );
            })}
          </g>
          <g>
            {layout.edges.map((edge) => {
              const action = states[edge.stateIndex]?.actions?.[edge.actionIndex];
              return (
                <text key={`${edge.stateIndex}:${edge.actionIndex}`} x={edge.labelX} y={edge.labelY} className="st-diagram-edge-label">
                  {shorten(action ? localize(action.label, language) : '', 22)}
                </text>
              );
            })}
          </g>
        </svg>
      </div>
      <figcaption className="aw-hint">{t('diagramCaption')}</figcaption>
    </figure>
  );
}
