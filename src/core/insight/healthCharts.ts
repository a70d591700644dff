// The charts of a community's health, built once here so the report and the dashboard show the
// same figures. Interactive charts carry actions that the dashboard turns into "open what this
// counts"; the report's charts leave them out.
import type { CommunityHealth } from './metrics';
import { barChart, columnChart, lineChart, type ChartAction } from './svgCharts';
import { plural } from '../plural';

export interface HealthCharts {
  contributions: string;
  contributors: string;
  growth: string;
  types: string;
  tags: string;
}

export const CHART_TITLES: Record<keyof HealthCharts, string> = {
  contributions: 'Contributions per month (commits touching entries)',
  contributors: 'Active contributors per month',
  growth: 'Entries in the knowledge base (by first commit)',
  types: 'Entries by type',
  tags: 'Top tags (entries, child tags included)',
};

/** Timelines get room for many months; bar charts sit two abreast. Charts keep this size in pixels. */
const TIMELINE_WIDTH = 800;
const BAR_WIDTH = 480;

export function typeLabel(type: string): string {
  return type || 'no type';
}

export function healthCharts(health: CommunityHealth, options: { standalone?: boolean; interactive?: boolean } = {}): HealthCharts {
  const action = (name: string, key: string): ChartAction | undefined => (options.interactive ? { action: name, key } : undefined);
  const standalone = options.standalone;
  let total = 0;
  const growthPoints = health.months.map((m) => ({ label: m.month, value: (total += m.entriesAdded) }));
  return {
    contributions: columnChart(
      health.months.map((m) => ({
        label: m.month,
        values: [m.contributions],
        title: `${m.month}: ${m.contributions} contribution${m.contributions === 1 ? '' : 's'}`,
        action: m.contributions ? action('showMonth', m.month) : undefined,
      })),
      { title: CHART_TITLES.contributions, standalone, width: TIMELINE_WIDTH },
    ),
    contributors: columnChart(
      health.months.map((m) => ({
        label: m.month,
        values: [m.returningContributors, m.newContributors],
        title: `${m.month}: ${m.contributors} contributor${m.contributors === 1 ? '' : 's'} (${m.newContributors} new, ${m.returningContributors} returning)`,
      })),
      { title: CHART_TITLES.contributors, standalone, series: ['returning', 'new'], width: TIMELINE_WIDTH },
    ),
    growth: lineChart(growthPoints, { title: CHART_TITLES.growth, standalone, width: TIMELINE_WIDTH }),
    types: barChart(
      health.types.map((t) => ({ label: typeLabel(t.type), value: t.entries, action: action('showType', t.type) })),
      { title: CHART_TITLES.types, standalone, width: BAR_WIDTH },
    ),
    tags: barChart(
      health.tags.top.map((t) => ({
        label: t.tag,
        value: t.entries,
        title: `${t.tag}: ${plural(t.entries, 'entry', 'entries')}; ${t.stewards.length ? `stewards: ${t.stewards.join(', ')}` : 'no steward'}`,
        action: action('showTag', t.tag),
      })),
      { title: CHART_TITLES.tags, standalone, width: BAR_WIDTH },
    ),
  };
}
