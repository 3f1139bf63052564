import { describe, expect, it } from 'vitest';
import type { ProcessDefinition, ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { DIAGRAM_SIZES, layoutProcessDiagram } from './layout-process-diagram';

const hundeanmeldung = (HUNDEANMELDUNG as ServiceDefinition).process;

function layerOf(layout: ReturnType<typeof layoutProcessDiagram>, id: string): number | undefined {
  return layout.nodes.find((node) => node.id === id)?.layer;
}

describe('layoutProcessDiagram', () => {
  it('puts states in columns by their distance from the initial state and final states last', () => {
    const layout = layoutProcessDiagram(hundeanmeldung);
    expect(layerOf(layout, 'received')).toBe(0);
    expect(layerOf(layout, 'inReview')).toBe(1);
    expect(layerOf(layout, 'awaitingApplicant')).toBe(2);
    for (const id of ['approved', 'rejected', 'withdrawn']) expect(layerOf(layout, id)).toBe(3);
  });

  it('draws every action to a known state as one arrow, forward or back', () => {
    const layout = layoutProcessDiagram(hundeanmeldung);
    const actionCount = hundeanmeldung.states.reduce((sum, state) => sum + (state.actions ?? []).length, 0);
    expect(layout.edges).toHaveLength(actionCount);
    const answer = layout.edges.find((edge) => edge.from === 'awaitingApplicant' && edge.to === 'inReview');
    expect(answer?.direction).toBe('back');
    expect(layout.edges.find((edge) => edge.from === 'received')?.direction).toBe('forward');
  });

  it('keeps boxes from overlapping and inside the drawing', () => {
    const layout = layoutProcessDiagram(hundeanmeldung);
    const { nodeWidth, nodeHeight } = DIAGRAM_SIZES;
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(a.y + nodeHeight).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + nodeWidth <= b.x || b.x + nodeWidth <= a.x || a.y + nodeHeight <= b.y || b.y + nodeHeight <= a.y;
        expect(apart).toBe(true);
      }
    }
    for (const edge of layout.edges) {
      expect(edge.labelY).toBeLessThanOrEqual(layout.height);
      expect(edge.labelY).toBeGreaterThanOrEqual(0);
    }
  });

  it('places states not reachable from the start in a column before the final states', () => {
    const process: ProcessDefinition = {
      initial: 'start',
      states: [
        { id: 'start', kind: 'task', role: 'r', label: { de: 'Start' }, statusText: { de: '' }, actions: [{ id: 'done', label: { de: 'Fertig' }, target: 'end', roles: ['r'] }] },
        { id: 'island', kind: 'task', role: 'r', label: { de: 'Insel' }, statusText: { de: '' }, actions: [{ id: 'done', label: { de: 'Fertig' }, target: 'end', roles: ['r'] }] },
        { id: 'end', kind: 'final', outcome: 'closed', label: { de: 'Ende' }, statusText: { de: '' } },
      ],
    };
    const layout = layoutProcessDiagram(process);
    expect(layerOf(layout, 'start')).toBe(0);
    expect(layerOf(layout, 'island')).toBe(1);
    expect(layerOf(layout, 'end')).toBe(2);
    expect(layout.nodes.find((node) => node.id === 'island')?.reachable).toBe(false);
    expect(layout.nodes.find((node) => node.id === 'end')?.reachable).toBe(true);
  });

  it('draws an action back into its own state as a loop and leaves out actions to unknown states', () => {
    const process: ProcessDefinition = {
      initial: 'start',
      states: [
        {
          id: 'start',
          kind: 'task',
          role: 'r',
          label: { de: 'Start' },
          statusText: { de: '' },
          actions: [
            { id: 'again', label: { de: 'Nochmal' }, target: 'start', roles: ['r'] },
            { id: 'lost', label: { de: 'Verloren' }, target: 'nowhere', roles: ['r'] },
          ],
        },
      ],
    };
    const layout = layoutProcessDiagram(process);
    expect(layout.edges.map((edge) => edge.direction)).toEqual(['self']);
    expect(layout.edges[0]!.labelY).toBeGreaterThanOrEqual(0);
  });

  it('draws an empty or broken process without failing', () => {
    expect(layoutProcessDiagram({ initial: 'missing', states: [] }).nodes).toEqual([]);
    const repeated = layoutProcessDiagram({
      initial: 'a',
      states: [
        { id: 'a', kind: 'waiting', label: { de: 'A' }, statusText: { de: '' } },
        { id: 'a', kind: 'waiting', label: { de: 'A again' }, statusText: { de: '' } },
      ],
    });
    expect(repeated.nodes.map((node) => node.index)).toEqual([0]);
  });
});
