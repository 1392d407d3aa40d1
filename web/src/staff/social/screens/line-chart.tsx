// A small line chart in plain SVG: one line per series, told apart by colour and by marker shape
// (never colour alone), with a legend. The chart is an image for sighted users; the table the
// screen puts beside it carries the same figures for screen readers.
import { formatDateTime } from '../../../shared/i18n/i18n';
import type { Point } from '../attainment-series';

export interface Series {
  label: string;
  points: Point[];
}

const COLOURS = ['#0b4f8a', '#a3001b', '#0a6130'];
const W = 560;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

function Marker({ index, x, y, colour }: { index: number; x: number; y: number; colour: string }) {
  if (index === 1) return <rect x={x - 4} y={y - 4} width={8} height={8} fill={colour} />;
  if (index === 2) return <path d={`M${x} ${y - 5} L${x + 5} ${y + 4} L${x - 5} ${y + 4} Z`} fill={colour} />;
  return <circle cx={x} cy={y} r={4} fill={colour} />;
}

export function LineChart(props: { title: string; series: Series[]; min: number; max: number; ticks: number[]; format?: (v: number) => string }) {
  const all = props.series.flatMap((series) => series.points);
  const times = all.map((point) => point.time.getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (time: Date) => PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((time.getTime() - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const y = (value: number) => PAD.top + ((props.max - value) / (props.max - props.min)) * (H - PAD.top - PAD.bottom);
  const format = props.format ?? String;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} focusable="false">
        {props.ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#c9d1da" />
            <text x={PAD.left - 6} y={y(tick) + 4} text-anchor="end" font-size="12" fill="#1b1b1b">
              {format(tick)}
            </text>
          </g>
        ))}
        {all.length > 0 && (
          <>
            <text x={PAD.left} y={H - 10} font-size="12" fill="#1b1b1b">
              {formatDateTime(new Date(t0))}
            </text>
            {t1 !== t0 && (
              <text x={W - PAD.right} y={H - 10} font-size="12" text-anchor="end" fill="#1b1b1b">
                {formatDateTime(new Date(t1))}
              </text>
            )}
          </>
        )}
        {props.series.map((series, index) => {
          const colour = COLOURS[index % COLOURS.length]!;
          return (
            <g key={series.label}>
              <polyline
                fill="none"
                stroke={colour}
                stroke-width="2"
                stroke-dasharray={index === 1 ? '6 3' : index === 2 ? '2 3' : undefined}
                points={series.points.map((point) => `${x(point.time)},${y(point.value)}`).join(' ')}
              />
              {series.points.map((point, i) => (
                <Marker key={i} index={index} x={x(point.time)} y={y(point.value)} colour={colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        {props.series.map((series, index) => (
          <span key={series.label}>
            <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">
              <line x1="0" x2="28" y1="6" y2="6" stroke={COLOURS[index % COLOURS.length]} stroke-width="2" stroke-dasharray={index === 1 ? '6 3' : index === 2 ? '2 3' : undefined} />
              <Marker index={index} x={14} y={6} colour={COLOURS[index % COLOURS.length]!} />
            </svg>{' '}
            {series.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
