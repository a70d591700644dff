// Where a community stands on the maturity model, by explicit rules over measured figures. The
// stages build on each other: a community is at the highest stage whose rules, and the rules of
// every stage below it, are all met. Each rule reports its measured value against its threshold,
// so the dashboard and the report can show why, and the unmet rules of the next stage say what
// would move the community on.
//
// | stage                              | rule                 | threshold |
// |------------------------------------|----------------------|-----------|
// | systematic building                | contributors, 6 mo.  | >= 3      |
// |                                    | active months of 12  | >= 6      |
// |                                    | entries with a type  | >= 50 %   |
// | inherent part of the organisation  | contributors, 6 mo.  | >= 8      |
// |                                    | returning share      | >= 40 %   |
// |                                    | answer rate          | >= 60 %   |
// |                                    | tags with a steward  | >= 50 %   |
// | effective balance                  | fresh entries        | >= 80 %   |
// |                                    | median answer time   | <= 14 d   |
// |                                    | top contributor      | <= 35 %   |
// |                                    | new contributors     | >= 2      |

export const STAGES = ['sporadic emergence', 'systematic building', 'inherent part of the organisation', 'effective balance'] as const;
export type Stage = (typeof STAGES)[number];

/** The figures the rules read. A figure that could not be measured (no git history, no questions) is undefined. */
export interface MaturityMeasures {
  /** People with a contribution in the last 6 months (the current month and the 5 before). */
  contributors6m?: number;
  /** Of those, the people whose first contribution was before the window. */
  returningShare6m?: number;
  /** Of those, the people whose first contribution was inside the window. */
  newContributors6m?: number;
  /** Months with at least one contribution among the last 12. */
  activeMonths12?: number;
  /** Share of the last 12 months' contributions made by the busiest person. */
  topContributorShare12?: number;
  typedShare?: number;
  answerRate?: number;
  medianDaysToAnswer?: number;
  stewardedTagShare?: number;
  freshShare?: number;
}

export type MeasureName = keyof MaturityMeasures;
export type Unit = 'people' | 'months' | 'share' | 'days';

export interface MaturityRule {
  id: string;
  /** Index into STAGES of the stage this rule opens (1 to 3). */
  stage: number;
  label: string;
  measure: MeasureName;
  comparison: 'atLeast' | 'atMost';
  threshold: number;
  unit: Unit;
  /** What to do when the rule is not met, in one sentence. */
  advice: string;
}

export const MATURITY_RULES: readonly MaturityRule[] = [
  { id: 'contributors', stage: 1, label: 'People contributing in the last 6 months', measure: 'contributors6m', comparison: 'atLeast', threshold: 3, unit: 'people', advice: 'Invite more people to capture what they learn: aim for at least 3 contributors every 6 months.' },
  { id: 'regularity', stage: 1, label: 'Months with contributions, of the last 12', measure: 'activeMonths12', comparison: 'atLeast', threshold: 6, unit: 'months', advice: 'Make contributing a habit: a monthly knowledge-sharing slot keeps entries coming every month.' },
  { id: 'typed', stage: 1, label: 'Entries with a type (practice, how-to, …)', measure: 'typedShare', comparison: 'atLeast', threshold: 0.5, unit: 'share', advice: 'Give entries a type from the templates so readers know what they are reading.' },
  { id: 'broad-base', stage: 2, label: 'People contributing in the last 6 months', measure: 'contributors6m', comparison: 'atLeast', threshold: 8, unit: 'people', advice: 'Broaden the base: at least 8 people contributing every 6 months.' },
  { id: 'returning', stage: 2, label: 'Recent contributors who had contributed before', measure: 'returningShare6m', comparison: 'atLeast', threshold: 0.4, unit: 'share', advice: 'Bring contributors back: thank them, ask them to review or extend what they wrote.' },
  { id: 'answer-rate', stage: 2, label: 'Questions answered', measure: 'answerRate', comparison: 'atLeast', threshold: 0.6, unit: 'share', advice: 'Answer open questions, and link the answering entry with `answers:`.' },
  { id: 'stewardship', stage: 2, label: 'Tags in use with a steward', measure: 'stewardedTagShare', comparison: 'atLeast', threshold: 0.5, unit: 'share', advice: 'Name stewards for the most used tags in commons.yml.' },
  { id: 'freshness', stage: 3, label: 'Entries not due for review', measure: 'freshShare', comparison: 'atLeast', threshold: 0.8, unit: 'share', advice: 'Review entries that are due, so readers can trust what they find.' },
  { id: 'answer-time', stage: 3, label: 'Median time to answer a question', measure: 'medianDaysToAnswer', comparison: 'atMost', threshold: 14, unit: 'days', advice: 'Answer questions within two weeks: stewards can watch the Questions view.' },
  { id: 'spread', stage: 3, label: "Busiest person's share of the last 12 months' contributions", measure: 'topContributorShare12', comparison: 'atMost', threshold: 0.35, unit: 'share', advice: 'Spread the work: pair the busiest contributors with others so the community does not rest on one person.' },
  { id: 'renewal', stage: 3, label: 'New contributors in the last 6 months', measure: 'newContributors6m', comparison: 'atLeast', threshold: 2, unit: 'people', advice: 'Welcome newcomers: point them at open questions and the Start here path.' },
];

export interface RuleEvidence {
  rule: MaturityRule;
  /** Undefined when the figure could not be measured; such a rule counts as not met. */
  value?: number;
  met: boolean;
}

export interface MaturityAssessment {
  stage: Stage;
  /** Index into STAGES. */
  stageIndex: number;
  evidence: RuleEvidence[];
  /** The next stage and the advice of its unmet rules; absent at the last stage. */
  next?: { stage: Stage; steps: string[] };
}

export function assessMaturity(measures: MaturityMeasures, rules: readonly MaturityRule[] = MATURITY_RULES): MaturityAssessment {
  const evidence = rules.map((rule): RuleEvidence => {
    const value = measures[rule.measure];
    const met = value !== undefined && !Number.isNaN(value) && (rule.comparison === 'atLeast' ? value >= rule.threshold : value <= rule.threshold);
    return { rule, value, met };
  });
  let stageIndex = 0;
  while (stageIndex + 1 < STAGES.length && evidence.every((e) => e.rule.stage !== stageIndex + 1 || e.met)) stageIndex++;
  const nextIndex = stageIndex + 1;
  const next =
    nextIndex < STAGES.length
      ? { stage: STAGES[nextIndex], steps: evidence.filter((e) => e.rule.stage === nextIndex && !e.met).map((e) => e.rule.advice) }
      : undefined;
  return { stage: STAGES[stageIndex], stageIndex, evidence, next };
}

/** A measured value or threshold as people read it: "42 %", "3 people", "12.5 days". */
export function formatMeasure(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return 'not measured';
  if (unit === 'share') return `${Math.round(value * 100)} %`;
  if (unit === 'days') return `${value < 10 ? value.toFixed(1) : Math.round(value)} days`;
  return `${value} ${unit === 'people' ? (value === 1 ? 'person' : 'people') : value === 1 ? 'month' : 'months'}`;
}

export function formatThreshold(rule: MaturityRule): string {
  return `${rule.comparison === 'atLeast' ? '≥' : '≤'} ${formatMeasure(rule.threshold, rule.unit)}`;
}
