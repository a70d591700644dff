// The maturity rules: each stage needs its own rules and those of every stage below it met.
import * as assert from 'node:assert/strict';
import { assessMaturity, formatMeasure, MATURITY_RULES, STAGES, type MaturityMeasures } from '../../src/core/insight/maturity';

/** Figures that meet every rule of every stage. */
const THRIVING: Required<MaturityMeasures> = {
  contributors6m: 12,
  returningShare6m: 0.6,
  newContributors6m: 3,
  activeMonths12: 12,
  topContributorShare12: 0.2,
  typedShare: 0.9,
  answerRate: 0.8,
  medianDaysToAnswer: 5,
  stewardedTagShare: 0.7,
  freshShare: 0.9,
};

describe('maturity stages', () => {
  it('reaches effective balance when every rule is met', () => {
    const assessment = assessMaturity(THRIVING);
    assert.equal(assessment.stage, 'effective balance');
    assert.equal(assessment.stageIndex, 3);
    assert.equal(assessment.next, undefined);
    assert.ok(assessment.evidence.every((e) => e.met));
    assert.equal(assessment.evidence.length, MATURITY_RULES.length);
  });

  it('stops at the first stage with an unmet rule and names what the next stage needs', () => {
    const assessment = assessMaturity({ ...THRIVING, contributors6m: 5, answerRate: 0.5 });
    assert.equal(assessment.stage, 'systematic building');
    assert.equal(assessment.next?.stage, 'inherent part of the organisation');
    assert.deepEqual(
      assessment.evidence.filter((e) => !e.met).map((e) => [e.rule.id, e.value, e.rule.threshold]),
      [['broad-base', 5, 8], ['answer-rate', 0.5, 0.6]],
    );
    assert.equal(assessment.next?.steps.length, 2);
    assert.match(assessment.next!.steps[0], /8 people/);
  });

  it('needs the lower stages: meeting only the top rules is still sporadic', () => {
    const assessment = assessMaturity({ ...THRIVING, activeMonths12: 2 });
    assert.equal(assessment.stage, 'sporadic emergence');
    assert.deepEqual(assessment.next?.steps, [MATURITY_RULES.find((r) => r.id === 'regularity')!.advice]);
  });

  it('treats thresholds as inclusive, "at most" rules from above, and unmeasured figures as unmet', () => {
    const edge = assessMaturity({ ...THRIVING, contributors6m: 8, medianDaysToAnswer: 14, topContributorShare12: 0.35 });
    assert.equal(edge.stage, 'effective balance');
    const slow = assessMaturity({ ...THRIVING, medianDaysToAnswer: 14.5 });
    assert.equal(slow.stage, 'inherent part of the organisation');
    const noQuestions = assessMaturity({ ...THRIVING, answerRate: undefined, medianDaysToAnswer: undefined });
    assert.equal(noQuestions.stage, 'systematic building');
    assert.equal(noQuestions.evidence.find((e) => e.rule.id === 'answer-rate')!.met, false);
    assert.equal(assessMaturity({}).stage, STAGES[0]);
  });

  it('formats measured values for people', () => {
    assert.equal(formatMeasure(0.426, 'share'), '43 %');
    assert.equal(formatMeasure(1, 'people'), '1 person');
    assert.equal(formatMeasure(6, 'months'), '6 months');
    assert.equal(formatMeasure(3.25, 'days'), '3.3 days');
    assert.equal(formatMeasure(undefined, 'days'), 'not measured');
  });
});
