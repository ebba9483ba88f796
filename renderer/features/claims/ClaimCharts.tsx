/**
 * The claim's charts (recharts; docs/architecture.md, "Claims: funder claims"):
 * cumulative spend against profile for a project, its outputs against target, and the
 * claim's approved spend by partner. Each chart has the same figures as a table, shown
 * with "Show as table" (and always when printing), so a screen reader — and paper —
 * reads them; the chart itself is one image with a summary in words. Nothing relies on
 * colour alone: spend is a solid line, profile a dashed line (with round and square
 * points over up to MAX_POINTS quarters); achieved bars are filled, targets outlined;
 * the key beneath names them. Charts size themselves to their box (recharts'
 * `responsive`, which measures less than ResponsiveContainer, bench:claims).
 * No hover tooltips: the table says every figure, to everyone, and drawing is about
 * half as long without them (npm run bench:claims).
 */
import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { formatPounds } from '../../../shared/rules/money';
import { formatTenthsOfPercent, periodLabel, type ProjectFigures, type PartnerShare } from '../../../shared/rules/funder-claim';
import './claims.css';

const INK = '#1b2230';
const ACCENT = '#1d5c87';
const WHOLE_POUNDS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const poundsTick = (pounds: number) => `£${WHOLE_POUNDS.format(Math.round(pounds))}`;
/**
 * Axis ticks at a fixed interval: recharts measures every tick's text in the page
 * (a forced layout each time) only to thin out ticks that would overlap, which was
 * most of a claim's drawing time (bench:claims). One label in `every`, from the first.
 */
const tickEvery = (count: number, labels: number) => Math.max(0, Math.ceil(count / labels) - 1);
const SIZE = { width: 640, height: 280 };
/** The most quarters a line chart marks with points. */
const MAX_POINTS = 16;
const CHART_STYLE = { width: '100%', height: SIZE.height };

/** The chart's key, in the page's own words and marks: what each mark is, never by colour alone. */
function Key({ items }: { items: Array<{ label: string; mark: 'solid-line' | 'dashed-line' | 'filled' | 'outlined'; points?: boolean }> }) {
  return (
    <ul className="claim-chart-key" aria-hidden="true">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="28" height="14" viewBox="0 0 28 14" focusable="false">
            {item.mark === 'solid-line' && (
              <>
                <line x1="0" y1="7" x2="28" y2="7" stroke={ACCENT} strokeWidth="3" />
                {item.points !== false && <circle cx="14" cy="7" r="4" fill="#fff" stroke={ACCENT} strokeWidth="2" />}
              </>
            )}
            {item.mark === 'dashed-line' && (
              <>
                <line x1="0" y1="7" x2="28" y2="7" stroke={INK} strokeWidth="2" strokeDasharray="6 4" />
                {item.points !== false && <rect x="10" y="3" width="8" height="8" fill="#fff" stroke={INK} strokeWidth="2" />}
              </>
            )}
            {item.mark === 'filled' && <rect x="6" y="1" width="16" height="12" fill={ACCENT} />}
            {item.mark === 'outlined' && <rect x="7" y="2" width="14" height="10" fill="#fff" stroke={INK} strokeWidth="2" />}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A square point for the profile line. */
function SquareDot(props: { cx?: number; cy?: number; index?: number }) {
  if (props.cx === undefined || props.cy === undefined) return null;
  return <rect key={props.index} x={props.cx - 4} y={props.cy - 4} width={8} height={8} fill="#fff" stroke={INK} strokeWidth={2} />;
}

function ChartFrame({ title, summary, table, children }: { title: string; summary: string; table: React.ReactNode; children: React.ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className="claim-chart" aria-labelledby={`${id}-title`}>
      <div className="claim-chart-head">
        <h3 className="section-title" id={`${id}-title`}>
          {title}
        </h3>
        <button type="button" className="button button--secondary no-print" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      <div className={asTable ? 'claim-chart-figure claim-chart-figure--hidden' : 'claim-chart-figure'} role="img" aria-label={`${title}: ${summary}`}>
        {children}
      </div>
      <div className={asTable ? 'table-wrap claim-chart-table' : 'table-wrap claim-chart-table claim-chart-table--print-only'} tabIndex={asTable ? 0 : -1} role="region" aria-label={`${title}: table`}>
        {table}
      </div>
    </section>
  );
}

/** Cumulative spend (partners' approved spend and own costs) against the cumulative profile, quarter by quarter. */
export function CumulativeSpendChart({ project, startMonth = 4 }: { project: ProjectFigures; startMonth?: number }) {
  const data = project.cumulative.map((c) => ({ quarter: periodLabel(c.period, startMonth), spend: c.spendPence === undefined ? null : c.spendPence / 100, profile: c.profilePence / 100 }));
  const end = project.cumulative.at(-1);
  // Points mark each quarter while they can be told apart; over more quarters the lines alone (solid and dashed) say which is which.
  const points = data.length <= MAX_POINTS || data.filter((d) => d.spend !== null).length < 2;
  const summary =
    project.cumulative.length > 0
      ? `${formatPounds(project.cumulativePence)} spent to date against ${formatPounds(project.cumulativeProfilePence)} profiled to date (${formatTenthsOfPercent(project.cumulativeVariance.tenthsOfPercent)}); ${formatPounds(end!.profilePence)} profiled in all, to ${periodLabel(end!.period, startMonth)}.`
      : 'nothing profiled or spent yet.';
  return (
    <ChartFrame
      title={`${project.name}: cumulative spend against profile`}
      summary={summary}
      table={
        <table className="table">
          <caption>{project.name}: cumulative spend against profile, by quarter</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col" className="cell-number">
                Spend to date
              </th>
              <th scope="col" className="cell-number">
                Profile to date
              </th>
            </tr>
          </thead>
          <tbody>
            {project.cumulative.map((c) => (
              <tr key={c.period}>
                <th scope="row">{periodLabel(c.period, startMonth)}</th>
                <td className="cell-number">{c.spendPence === undefined ? 'Not yet claimed' : formatPounds(c.spendPence)}</td>
                <td className="cell-number">{formatPounds(c.profilePence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
        <LineChart responsive style={CHART_STYLE} width={SIZE.width} height={SIZE.height} data={data} margin={{ top: 8, right: 24, bottom: 16, left: 16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d6dae1" />
          {/* Slanted, so that the quarters stay apart on a narrow window too (320 pixels wide). */}
          <XAxis dataKey="quarter" stroke={INK} tick={{ fontSize: 12 }} interval={tickEvery(data.length, 8)} angle={-35} textAnchor="end" height={64} />
          <YAxis stroke={INK} tickFormatter={poundsTick} tick={{ fontSize: 12 }} width={80} interval={0} />
          <Line type="linear" dataKey="profile" name="Profile to date" stroke={INK} strokeWidth={2} strokeDasharray="6 4" dot={points ? SquareDot : false} isAnimationActive={false} />
          <Line type="linear" dataKey="spend" name="Spend to date" stroke={ACCENT} strokeWidth={3} dot={points ? { r: 4, fill: '#fff', strokeWidth: 2 } : false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      <Key
        items={[
          { label: points ? 'Spend to date (solid line, round points)' : 'Spend to date (solid line)', mark: 'solid-line', points },
          { label: points ? 'Profile to date (dashed line, square points)' : 'Profile to date (dashed line)', mark: 'dashed-line', points },
        ]}
      />
    </ChartFrame>
  );
}

/** This quarter's outputs achieved against target. */
export function OutputsChart({ project }: { project: ProjectFigures }) {
  const data = project.outputs.map((o) => ({ name: o.name, target: o.target, achieved: o.achieved }));
  const below = project.outputs.filter((o) => o.belowTarget).length;
  return (
    <ChartFrame
      title={`${project.name}: outputs against target this quarter`}
      summary={below === 0 ? 'every output met its target.' : `${below} of ${project.outputs.length} outputs below target.`}
      table={
        <table className="table">
          <caption>{project.name}: outputs against target</caption>
          <thead>
            <tr>
              <th scope="col">Output</th>
              <th scope="col" className="cell-number">
                Target
              </th>
              <th scope="col" className="cell-number">
                Achieved
              </th>
              <th scope="col">Below target</th>
            </tr>
          </thead>
          <tbody>
            {project.outputs.map((o) => (
              <tr key={o.outputId}>
                <th scope="row">{o.name}</th>
                <td className="cell-number">{o.target}</td>
                <td className="cell-number">{o.achieved}</td>
                <td>{o.belowTarget ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
        <BarChart responsive style={CHART_STYLE} width={SIZE.width} height={SIZE.height} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d6dae1" />
          <XAxis dataKey="name" stroke={INK} tick={{ fontSize: 12 }} interval={0} />
          <YAxis stroke={INK} allowDecimals={false} tick={{ fontSize: 12 }} interval={0} />
          <Bar dataKey="target" name="Target" fill="#ffffff" stroke={INK} strokeWidth={2} isAnimationActive={false} />
          <Bar dataKey="achieved" name="Achieved" fill={ACCENT} stroke={ACCENT} isAnimationActive={false} />
        </BarChart>
      <Key
        items={[
          { label: 'Target (outlined bar)', mark: 'outlined' },
          { label: 'Achieved (filled bar)', mark: 'filled' },
        ]}
      />
    </ChartFrame>
  );
}

/** The claim's approved partner spend this quarter, by partner, with each one's share (adding up to 100.0%). */
export function SpendByPartnerChart({ shares, names, title = 'Approved spend by partner this quarter' }: { shares: readonly PartnerShare[]; names: ReadonlyMap<string, string>; title?: string }) {
  const data = shares.map((s) => ({ name: names.get(s.organisationId) ?? s.organisationId, spend: s.pence / 100 }));
  return (
    <ChartFrame
      title={title}
      summary={shares.length === 0 ? 'no partner claims approved yet.' : shares.map((s) => `${names.get(s.organisationId) ?? s.organisationId} ${formatPounds(s.pence)}`).join(', ')}
      table={
        <table className="table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col" className="cell-number">
                Approved spend
              </th>
              <th scope="col" className="cell-number">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.organisationId}>
                <th scope="row">{names.get(s.organisationId) ?? s.organisationId}</th>
                <td className="cell-number">{formatPounds(s.pence)}</td>
                <td className="cell-number">{formatTenthsOfPercent(s.shareTenths)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
        <BarChart responsive style={CHART_STYLE} width={SIZE.width} height={SIZE.height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d6dae1" />
          <XAxis type="number" stroke={INK} tickFormatter={poundsTick} tick={{ fontSize: 12 }} interval={0} />
          <YAxis type="category" dataKey="name" stroke={INK} width={150} tick={{ fontSize: 12 }} interval={0} />
          <Bar dataKey="spend" name="Approved spend" fill={ACCENT} isAnimationActive={false} />
        </BarChart>
    </ChartFrame>
  );
}
