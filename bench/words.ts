// Word lists for generated content. They are plain technical English so that generated titles,
// tags and prose have the lengths and the variety a real engineering knowledge base has.

export const TOPICS = (
  'kubernetes observability databases testing security networking frontend backend mobile ' +
  'ci-cd release on-call incidents architecture performance caching messaging storage search ' +
  'analytics machine-learning data-pipelines api-design accessibility localization billing identity ' +
  'compliance privacy documentation onboarding hiring mentoring code-review refactoring python java ' +
  'typescript golang rust cloud terraform monitoring logging tracing alerting capacity cost ' +
  'reliability migrations scheduling queues streaming graphql grpc rest auth payments email ' +
  'notifications feature-flags experiments design-system'
).split(' ');

export const SUBTOPICS = (
  'basics patterns pitfalls tooling migration upgrades debugging tuning limits costs naming ' +
  'conventions checklists runbooks postmortems templates examples faq glossary interviews metrics ' +
  'dashboards dependencies versioning rollout rollback backups retention schemas indexes clients ' +
  'servers sdk errors timeouts retries quotas secrets permissions audits'
).split(' ');

export const PROSE = (
  'the a we our team service request response cluster node pod deployment query index table ' +
  'schema column row cache key value queue message event stream topic consumer producer latency ' +
  'throughput error budget alert page incident owner review change release branch commit merge ' +
  'test suite flaky retry timeout limit quota cost memory cpu disk network packet route gateway ' +
  'proxy certificate token secret vault policy role user account tenant region zone replica ' +
  'leader follower shard partition backup restore snapshot migration rollout rollback canary ' +
  'flag metric trace span log level field format dashboard panel threshold runbook playbook ' +
  'checklist decision context option consequence tradeoff design pattern module package library ' +
  'function class method interface contract client server handler worker job schedule cron batch ' +
  'pipeline stage build artifact image container registry manifest chart template value override ' +
  'should must can will often usually rarely always never first then after before when because ' +
  'so and or but with without for from into over under between across through during until'
).split(' ');

export const FOLDERS = (
  'platform product infrastructure data security quality delivery operations people guides ' +
  'reference decisions practices lessons questions teams services systems tools processes ' +
  'standards playbooks onboarding archive projects research'
).split(' ');

export const FIRST_NAMES = (
  'ana mei jonas tomas priya omar lena arjun sofia kenji amara lucas elena noah fatima ivan ' +
  'chloe diego hana yusuf maria david sara ali nina marco aisha leo emma raj ines paulo zoe ' +
  'kofi lara sven olga rosa ahmed julia'
).split(' ');

export const LAST_NAMES = (
  'lima chen becker ortega patel haddad novak sharma rossi tanaka okafor silva ivanova kim ' +
  'rahman petrov martin garcia yilmaz schmidt andersen costa dubois nguyen kowalski mensah ' +
  'fischer moreau singh larsen'
).split(' ');

export const CODE_LINES = [
  'const client = createClient({ timeoutMs: 2000, retries: 3 });',
  'kubectl rollout status deployment/api --timeout=120s',
  'SELECT id, status FROM jobs WHERE updated_at < now() - interval \'1 day\';',
  'if err != nil { return fmt.Errorf("fetch: %w", err) }',
  'for item in batch: queue.put(item, block=False)',
  'export function handler(event: Event): Promise<void> {',
  '  // See [[not-a-link]] and [example](not-a-link.md): links in code are examples.',
  'terraform plan -out=plan.tfplan && terraform apply plan.tfplan',
  'curl -fsS https://service.internal/health | jq .status',
  '}',
];
