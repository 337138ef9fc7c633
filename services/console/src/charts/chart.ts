import uPlot from 'uplot';
import { h } from '../lib/dom';

/**
 * Charts with uPlot: canvas, no dependencies, about 20 KB gzipped, and it sets styles through the
 * DOM (allowed under the console's CSP) rather than injecting style elements. Every chart also
 * gets its numbers as a table in a <details>, for people who cannot see the canvas.
 */
export interface SeriesSpec {
  label: string;
  values: (number | null)[];
  color: string;
  /** Dashed line, e.g. a threshold. */
  dash?: boolean;
  /** Points only, no line (alerts). */
  pointsOnly?: boolean;
  bars?: boolean;
  /** Fill between this series and the one at this index (min/max bands). */
  bandTo?: number;
}

export interface ChartSpec {
  title: string;
  /** x values: unix seconds for time, or 0..n-1 with `categories` for labels. */
  x: number[];
  categories?: string[];
  series: SeriesSpec[];
  yLabel: string;
}

const HEIGHT = 280;

export function chart(spec: ChartSpec): { element: HTMLElement; destroy: () => void } {
  const canvasHolder = h('div', { class: 'chart-canvas' });
  const summaryId = `chart-${Math.random().toString(36).slice(2)}`;
  const element = h(
    'figure',
    {
      class: 'chart',
      'data-chart': spec.title,
      'data-points': spec.x.length,
      'aria-describedby': summaryId,
    },
    h('figcaption', {}, spec.title),
    canvasHolder,
    h(
      'details',
      { id: summaryId },
      h('summary', {}, `The numbers (${spec.x.length} points)`),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, spec.categories ? 'Category' : 'Time'),
              spec.series.map((s) => h('th', { scope: 'col' }, s.label)),
            ),
          ),
          h(
            'tbody',
            {},
            spec.x.map((x, i) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  spec.categories
                    ? (spec.categories[i] ?? '')
                    : new Date(x * 1000).toISOString().slice(0, 16).replace('T', ' '),
                ),
                spec.series.map((s) =>
                  h(
                    'td',
                    {},
                    s.values[i] === null || s.values[i] === undefined ? '' : String(s.values[i]),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
  const options: uPlot.Options = {
    width: 600,
    height: HEIGHT,
    scales: { x: { time: !spec.categories } },
    axes: [
      spec.categories
        ? { values: (_u, splits) => splits.map((v) => spec.categories?.[v] ?? ''), space: 30 }
        : {},
      { label: spec.yLabel },
    ],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: s.pointsOnly ? 0 : 2,
        dash: s.dash ? [6, 4] : undefined,
        fill: s.bars ? `${s.color}99` : undefined,
        paths: s.bars ? bars : s.pointsOnly ? () => null : undefined,
        points: s.pointsOnly
          ? { show: true, size: 9, fill: s.color }
          : { show: spec.x.length < 60 },
      })),
    ],
    bands: spec.series.flatMap((s, i) =>
      s.bandTo === undefined
        ? []
        : [{ series: [i + 1, s.bandTo + 1] as [number, number], fill: `${s.color}22` }],
    ),
  };
  const data = [spec.x, ...spec.series.map((s) => s.values)] as uPlot.AlignedData;
  const plot = new uPlot(options, data, canvasHolder);
  // The chart follows its container's width (phone to desktop).
  const resize = new ResizeObserver(() => {
    const width = Math.max(240, canvasHolder.clientWidth);
    if (Math.abs(width - plot.width) > 2) plot.setSize({ width, height: HEIGHT });
  });
  resize.observe(canvasHolder);
  return {
    element,
    destroy: () => {
      resize.disconnect();
      plot.destroy();
    },
  };
}
