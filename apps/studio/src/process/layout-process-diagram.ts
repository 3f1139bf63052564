import type { ProcessDefinition } from '@amtsweg/definitions';

/** Sizes of the diagram in SVG user units (CSS pixels at scale 1). */
export const DIAGRAM_SIZES = {
  nodeWidth: 190,
  nodeHeight: 58,
  /** Between columns: room for the labels of the arrows. */
  columnGap: 150,
  rowGap: 44,
  margin: 24,
  /** How far an arrow back to an earlier column bends below the boxes, per column it spans. */
  backBend: 34,
} as const;

/** A state's box. */
export interface DiagramNode {
  /** Index of the state in `process.states`. */
  index: number;
  id: string;
  /** Column: distance from the initial state; final states share the last column. */
  layer: number;
  row: number;
  x: number;
  y: number;
  reachable: boolean;
}

/** An action's arrow, as an SVG path with the place of its label. */
export interface DiagramEdge {
  stateIndex: number;
  actionIndex: number;
  from: string;
  to: string;
  /** forward: to a later column; back: to the same or an earlier column (drawn below); self: back into its own state. */
  direction: 'forward' | 'back' | 'self';
  path: string;
  labelX: number;
  labelY: number;
}

export interface DiagramLayout {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  width: number;
  height: number;
}

/**
 * Lays out a process for drawing: states in columns by their distance from the initial state (breadth-first,
 * in the order actions are listed), states not reachable from it in the column after those, final states in
 * the last column; columns centred on each other. Each action becomes an arrow from the right side of its state
 * to the left side of its target, or a bend below the boxes when it leads back; arrows leaving or entering one
 * box are spread along its side. Actions leading to an unknown state are left out (the checks report them).
 * Pure: the same process gives the same drawing.
 *
 * @example
 * layoutProcessDiagram(hundeanmeldung.process).nodes.find((n) => n.id === 'approved')?.layer // 3
 */
export function layoutProcessDiagram(process: ProcessDefinition): DiagramLayout {
  const { nodeWidth: W, nodeHeight: H, columnGap, rowGap, margin, backBend } = DIAGRAM_SIZES;
  const states = process.states;
  const first = new Map<string, number>();
  states.forEach((state, index) => {
    if (!first.has(state.id)) first.set(state.id, index);
  });

  // Columns by breadth-first search from the initial state, through the states that are not final.
  const layerOf = new Map<number, number>();
  const discovery: number[] = [];
  const start = first.get(process.initial);
  if (start !== undefined && states[start]!.kind !== 'final') {
    layerOf.set(start, 0);
    discovery.push(start);
    for (let head = 0; head < discovery.length; head++) {
      const index = discovery[head]!;
      for (const action of states[index]!.actions ?? []) {
        const target = first.get(action.target);
        if (target === undefined || layerOf.has(target) || states[target]!.kind === 'final') continue;
        layerOf.set(target, layerOf.get(index)! + 1);
        discovery.push(target);
      }
    }
  }
  const reached = new Set(discovery);
  // Final states count as reached when a reached state leads to them (or when the process starts in one).
  for (const index of discovery) {
    for (const action of states[index]!.actions ?? []) {
      const target = first.get(action.target);
      if (target !== undefined) reached.add(target);
    }
  }
  if (start !== undefined) reached.add(start);

  let lastLayer = discovery.length === 0 ? -1 : Math.max(...discovery.map((index) => layerOf.get(index)!));
  const unreachable = states.map((_, index) => index).filter((index) => first.get(states[index]!.id) === index && !layerOf.has(index) && states[index]!.kind !== 'final');
  if (unreachable.length > 0) {
    lastLayer += 1;
    for (const index of unreachable) layerOf.set(index, lastLayer);
  }
  const finals = states.map((_, index) => index).filter((index) => first.get(states[index]!.id) === index && states[index]!.kind === 'final');
  if (finals.length > 0) {
    lastLayer += 1;
    for (const index of finals) layerOf.set(index, lastLayer);
  }
  // A state whose id is repeated is drawn once, under its first occurrence.
  const order = [...discovery, ...unreachable, ...finals];

  const columns: number[][] = Array.from({ length: lastLayer + 1 }, () => []);
  for (const index of order) columns[layerOf.get(index)!]!.push(index);
  const tallest = Math.max(1, ...columns.map((column) => column.length));
  // Room above the first row for arrows that lead back into their own state.
  const top = margin + 30;
  const nodes: DiagramNode[] = [];
  const nodeOf = new Map<number, DiagramNode>();
  columns.forEach((column, layer) => {
    const offset = ((tallest - column.length) * (H + rowGap)) / 2;
    column.forEach((index, row) => {
      const node: DiagramNode = {
        index,
        id: states[index]!.id,
        layer,
        row,
        x: margin + layer * (W + columnGap),
        y: top + offset + row * (H + rowGap),
        reachable: reached.has(index),
      };
      nodes.push(node);
      nodeOf.set(index, node);
    });
  });

  // The arrows, each with its end points spread along the sides of the boxes.
  interface Pending {
    stateIndex: number;
    actionIndex: number;
    source: DiagramNode;
    target: DiagramNode;
    direction: DiagramEdge['direction'];
  }
  const pending: Pending[] = [];
  states.forEach((state, stateIndex) => {
    const source = nodeOf.get(stateIndex);
    if (!source) return;
    (state.actions ?? []).forEach((action, actionIndex) => {
      const targetIndex = first.get(action.target);
      const target = targetIndex === undefined ? undefined : nodeOf.get(targetIndex);
      if (!target) return;
      const direction = target === source ? 'self' : target.layer > source.layer ? 'forward' : 'back';
      pending.push({ stateIndex, actionIndex, source, target, direction });
    });
  });
  const spread = (key: (edge: Pending) => string) => {
    const groups = new Map<string, Pending[]>();
    for (const edge of pending) groups.set(key(edge), [...(groups.get(key(edge)) ?? []), edge]);
    return (edge: Pending) => {
      const group = groups.get(key(edge))!;
      return (group.indexOf(edge) + 1) / (group.length + 1);
    };
  };
  const outRight = spread((e) => `${e.source.index}:${e.direction}:out`);
  const inLeft = spread((e) => `${e.target.index}:${e.direction}:in`);

  const rowsBottom = top + tallest * (H + rowGap) - rowGap;
  let bottom = rowsBottom;
  const rank = (key: (edge: Pending) => string) => {
    const groups = new Map<string, Pending[]>();
    for (const edge of pending) groups.set(key(edge), [...(groups.get(key(edge)) ?? []), edge]);
    return (edge: Pending) => groups.get(key(edge))!.indexOf(edge);
  };
  // Arrows back to an earlier column bend deeper one after the other, so their labels do not overlap.
  const backRank = rank((e) => `${e.direction === 'back' ? e.source.index : -1}`);
  const laneUse = new Map<number, number>();

  const edges: DiagramEdge[] = pending.map((edge) => {
    const { source, target } = edge;
    const cubic = (points: [number, number][]) => {
      const [p0, p1, p2, p3] = points as [[number, number], [number, number], [number, number], [number, number]];
      // The middle of a cubic Bézier curve: (P0 + 3 P1 + 3 P2 + P3) / 8.
      return {
        path: `M ${round(p0[0])} ${round(p0[1])} C ${round(p1[0])} ${round(p1[1])}, ${round(p2[0])} ${round(p2[1])}, ${round(p3[0])} ${round(p3[1])}`,
        labelX: (p0[0] + 3 * p1[0] + 3 * p2[0] + p3[0]) / 8,
        labelY: (p0[1] + 3 * p1[1] + 3 * p2[1] + p3[1]) / 8,
      };
    };
    let drawn: { path: string; labelX: number; labelY: number };
    if (edge.direction === 'self') {
      const sx = source.x + W - 30;
      const sy = source.y;
      const tx = source.x + W;
      const ty = source.y + 18;
      drawn = { ...cubic([[sx, sy], [sx, sy - 34], [tx + 34, ty], [tx, ty]]), labelY: sy - 30 };
    } else if (edge.direction === 'forward' && target.layer === source.layer + 1) {
      const sx = source.x + W;
      const sy = source.y + H * outRight(edge);
      const tx = target.x;
      const ty = target.y + H * inLeft(edge);
      const bend = (tx - sx) / 2;
      drawn = cubic([[sx, sy], [sx + bend, sy], [tx - bend, ty], [tx, ty]]);
    } else if (edge.direction === 'forward') {
      // Over more than one column: along a lane between the boxes of the columns in between.
      const sx = source.x + W;
      const sy = source.y + H * outRight(edge);
      const tx = target.x;
      const ty = target.y + H * inLeft(edge);
      const between = nodes.filter((node) => node.layer > source.layer && node.layer < target.layer);
      const lane = chooseLane(between, sy, ty, top, rowsBottom);
      const uses = laneUse.get(lane) ?? 0;
      laneUse.set(lane, uses + 1);
      const y = lane + (uses % 2 === 0 ? 1 : -1) * Math.ceil(uses / 2) * 15;
      const step = columnGap / 4;
      drawn = {
        path:
          `M ${round(sx)} ${round(sy)} C ${round(sx + step)} ${round(sy)}, ${round(sx + step)} ${round(y)}, ${round(sx + 2 * step)} ${round(y)} ` +
          `L ${round(tx - 2 * step)} ${round(y)} C ${round(tx - step)} ${round(y)}, ${round(tx - step)} ${round(ty)}, ${round(tx)} ${round(ty)}`,
        labelX: sx + columnGap * 0.62,
        labelY: y - 4,
      };
      bottom = Math.max(bottom, y + 12);
    } else {
      const sx = source.x + W * outRight(edge);
      const sy = source.y + H;
      const tx = target.x + W * inLeft(edge);
      const ty = target.y + H;
      const depth = backBend * (1 + Math.abs(source.layer - target.layer)) + Math.abs(sy - ty) / 2 + 22 * backRank(edge);
      const low = Math.max(sy, ty) + depth;
      drawn = cubic([[sx, sy], [sx, low], [tx, low], [tx, ty]]);
      bottom = Math.max(bottom, Math.max(sy, ty) + depth * 0.75 + 16);
    }
    return {
      stateIndex: edge.stateIndex,
      actionIndex: edge.actionIndex,
      from: source.id,
      to: target.id,
      direction: edge.direction,
      path: drawn.path,
      labelX: round(drawn.labelX),
      labelY: round(drawn.labelY),
    };
  });

  const width = margin * 2 + (lastLayer + 1) * W + Math.max(0, lastLayer) * columnGap + 40;
  return { nodes, edges, width: Math.max(width, margin * 2 + W), height: round(bottom + margin) };
}

/**
 * The height of a horizontal lane that passes the boxes of the columns in between: above, between or below
 * them, the one nearest to both ends.
 */
function chooseLane(between: readonly DiagramNode[], sy: number, ty: number, top: number, bottom: number): number {
  const { nodeHeight: H, rowGap } = DIAGRAM_SIZES;
  const candidates = [top - rowGap / 2 + 6, bottom + rowGap / 2, ...between.flatMap((node) => [node.y - rowGap / 2, node.y + H + rowGap / 2])];
  const free = candidates.filter((y) => between.every((node) => y < node.y - 6 || y > node.y + H + 6));
  const cost = (y: number) => Math.abs(y - sy) + Math.abs(y - ty);
  return free.reduce((best, y) => (cost(y) < cost(best) ? y : best), free[0] ?? bottom + rowGap / 2);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
