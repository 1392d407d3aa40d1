// A horizontal bar chart in plain SVG with the same figures in a table beside it: the chart is an
// image for sighted users (its title is its name), the table carries every number for screen
// readers and for copying. A second series is told apart by a hatch pattern as well as its colour.
import { useId } from 'preact/hooks';
import type { Chart } from '../figures';
import { m } from '../messages';

const COLOURS = ['#0b4f8a', '#8a4b0b'];
const W = 600;
const LABEL = 230;
const VALUE = 64;
const BAR = 16;
const GAP = 6;
const ROW_GAP = 14;

function Swatch({ index, pattern }: { index: number; pattern: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="15" height="15" fill={index === 0 ? COLOURS[0] : `url(#${pattern})`} stroke={COLOURS[index]} />
    </svg>
  );
}

export function BarChart({ chart }: { chart: Chart }) {
  const id = useId();
  const pattern = `hatch-${id}`;
  const values = chart.rows.flatMap((row) => row.values.filter((v): v is number => v !== null));
  const min = chart.min ?? 0;
  const max = Math.max(chart.max ?? 0, ...values, min + 1);
  const width = W - LABEL - VALUE;
  const x = (value: number) => LABEL + ((Math.max(min, value) - min) / (max - min)) * width;
  const rowHeight = chart.series.length * (BAR + GAP) - GAP + ROW_GAP;
  const height = Math.max(1, chart.rows.length) * rowHeight + 8;
  return (
    <section class="figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{chart.title}</h2>
      {chart.note && <p class="muted">{chart.note}</p>}
      {chart.rows.length === 0 ? (
        <p>{m('figures.noRows')}</p>
      ) : (
        <div class="chart-and-table">
          <figure class="chart">
            <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={chart.title} focusable="false">
              <defs>
                <pattern id={pattern} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill="#ffffff" />
                  <rect width="3" height="6" fill={COLOURS[1]} />
                </pattern>
              </defs>
              {chart.rows.map((row, r) => {
                const top = r * rowHeight + 4;
                return (
                  <g key={row.label}>
                    <text x={LABEL - 8} y={top + (rowHeight - ROW_GAP) / 2 + 4} text-anchor="end" font-size="13" fill="#1b1b1b">
                      {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
                    </text>
                    {row.values.map((value, s) => {
                      const y = top + s * (BAR + GAP);
                      return (
                        <g key={s}>
                          {value !== null && (
                            <rect
                              x={LABEL}
                              y={y}
                              width={Math.max(1, x(value) - LABEL)}
                              height={BAR}
                              fill={s === 0 ? COLOURS[0] : `url(#${pattern})`}
                              stroke={COLOURS[s % COLOURS.length]}
                            />
                          )}
                          <text x={value === null ? LABEL + 4 : x(value) + 6} y={y + BAR - 3} font-size="13" fill="#1b1b1b">
                            {value === null ? '–' : chart.series[s]!.format(value)}
                          </text>
                        </g>
                      );
                    })}
                  </g>
                );
              })}
              {chart.reference !== undefined && (
                <line x1={x(chart.reference)} x2={x(chart.reference)} y1={0} y2={height} stroke="#1b1b1b" stroke-dasharray="4 3" />
              )}
            </svg>
            {chart.series.length > 1 && (
              <figcaption class="legend">
                {chart.series.map((series, index) => (
                  <span key={series.name}>
                    <Swatch index={index} pattern={pattern} /> {series.name}
                  </span>
                ))}
              </figcaption>
            )}
          </figure>
          <div class="table-scroll">
            <table>
              <caption class="sr-only">{chart.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{chart.title}</th>
                  {chart.series.map((series) => (
                    <th scope="col" key={series.name} class="number">
                      {series.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chart.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {row.values.map((value, i) => (
                      <td key={i} class="number">
                        {value === null ? '–' : chart.series[i]!.format(value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
