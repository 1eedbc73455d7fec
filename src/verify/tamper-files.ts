// What the tamper rules look for: which paths are tests, snapshots, CI and threshold configs, and
// how to count test declarations, skip/focus markers and assertions in them. Pure text matching,
// deliberately simple: a finding is reviewed by a person, a miss is not.

const CODE_EXT =
  '(?:[cm]?[jt]sx?|py|rb|rs|go|java|kt|kts|scala|php|cs|fs|ex|exs|swift|dart|c|cc|cpp|h|hpp)';

const TEST_PATH_PATTERNS: RegExp[] = [
  /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/,
  new RegExp(`(?:^|/)(?:__tests__|__test__|tests?|specs?|e2e|testing)/.*\\.${CODE_EXT}$`),
  /(?:^|\/)test_[^/]*\.py$/,
  /_test\.(?:py|go|rb|exs|dart)$/,
  /_spec\.rb$/,
  /(?:Test|Tests|IT|Spec)\.(?:java|kt|scala|php|cs|swift)$/,
];

export function isTestPath(path: string): boolean {
  return TEST_PATH_PATTERNS.some((re) => re.test(path));
}

/** Rust keeps unit tests inside source files; their content tells. */
export function isTestFile(path: string, content?: string): boolean {
  if (isTestPath(path)) return true;
  return (
    path.endsWith('.rs') &&
    content !== undefined &&
    /#\[(?:cfg\(test\)|(?:\w+::)*test\b)/.test(content)
  );
}

export function isSnapshotPath(path: string): boolean {
  return (
    /(?:^|\/)__(?:image_)?snapshots__\//.test(path) ||
    /\.(?:snap|ambr)$/.test(path) ||
    /\.approved\.[^/]+$/.test(path)
  );
}

export function isCiPath(path: string): boolean {
  return (
    /^\.github\/(?:workflows|actions)\//.test(path) ||
    /^\.gitlab-ci\.ya?ml$/.test(path) ||
    /^\.gitlab\/ci\//.test(path) ||
    /^\.circleci\//.test(path) ||
    /(?:^|\/)azure-pipelines[^/]*\.ya?ml$/.test(path) ||
    /(?:^|\/)Jenkinsfile[^/]*$/.test(path) ||
    /^\.travis\.ya?ml$/.test(path) ||
    /^bitbucket-pipelines\.ya?ml$/.test(path) ||
    /^\.drone\.ya?ml$/.test(path) ||
    /^\.?appveyor\.ya?ml$/.test(path) ||
    /^\.buildkite\//.test(path) ||
    /^\.woodpecker(?:\.ya?ml|\/)/.test(path)
  );
}

const JS_COVERAGE_CONFIG =
  /(?:^|\/)(?:(?:jest|vitest|vite|karma)\.config\.[cm]?[jt]s|jest\.config\.json|vitest\.workspace\.[cm]?[jt]s|\.nycrc(?:\.json|\.ya?ml)?|\.c8rc(?:\.json)?|package\.json)$/;
const PY_COVERAGE_CONFIG =
  /(?:^|\/)(?:pyproject\.toml|setup\.cfg|\.coveragerc|tox\.ini|pytest\.ini)$/;
const CODECOV_CONFIG = /(?:^|\/)\.?codecov\.ya?ml$/;
const BUILD_FILES =
  /(?:^|\/)(?:Makefile|makefile|GNUmakefile|[^/]+\.mk|[Jj]ustfile|\.justfile|noxfile\.py|Taskfile\.ya?ml)$/;
const LINT_CONFIG =
  /(?:^|\/)(?:\.eslintrc(?:\.[a-z]+)?|eslint\.config\.[cm]?[jt]s|\.golangci\.ya?ml)$/;
const MANIFESTS =
  /(?:^|\/)(?:package\.json|pyproject\.toml|setup\.py|setup\.cfg|Cargo\.toml|go\.mod|Gemfile|composer\.json|pom\.xml|build\.gradle(?:\.kts)?|tarpaulin\.toml)$/;

export function isThresholdConfigPath(path: string): boolean {
  return (
    JS_COVERAGE_CONFIG.test(path) ||
    PY_COVERAGE_CONFIG.test(path) ||
    CODECOV_CONFIG.test(path) ||
    BUILD_FILES.test(path) ||
    LINT_CONFIG.test(path) ||
    /(?:^|\/)(?:Cargo\.toml|tarpaulin\.toml)$/.test(path) ||
    isCiPath(path)
  );
}

/** Paths whose before/after text the tamper rules read; others are judged by status alone. */
export function isTamperRelevant(path: string): boolean {
  return (
    isTestPath(path) ||
    path.endsWith('.rs') ||
    isSnapshotPath(path) ||
    isThresholdConfigPath(path) ||
    MANIFESTS.test(path) ||
    isCiPath(path)
  );
}

// ---------------------------------------------------------------- counting inside files

/** Lines a person would not read as code: comments (but not Rust's `#[…]` attributes). */
function isCommentLine(line: string): boolean {
  return /^\s*(?:\/\/|\/\*|\*|#(?!\[)|--)/.test(line);
}

function codeLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => !isCommentLine(line));
}

interface Marker {
  re: RegExp;
  /** Only in files with these extensions (a pattern that is a skip in one language is code in another). */
  ext?: RegExp;
}

export const SKIP_MARKERS: Marker[] = [
  {
    re: /(?<![\w$])(?:it|test|describe|suite|context|specify|bench)(?:\.\w+)*\.(?:skip|todo|skipIf)\b/,
  },
  { re: /(?<![\w$.])(?:xit|xtest|xdescribe|xcontext|xspecify)\s*\(/ },
  { re: /(?<![\w$])(?:this|t|ctx|context)\.(?:skip|todo)\s*\(/ },
  { re: /[{,]\s*(?:skip|todo)\s*:\s*(?:true|['"`])/ },
  { re: /@pytest\.mark\.(?:skip|skipif|xfail)\b/ },
  { re: /(?<![\w$])pytest\.(?:skip|xfail|importorskip)\s*\(/ },
  { re: /@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/ },
  { re: /\bself\.skipTest\s*\(/ },
  { re: /(?<![\w$])[tb]\.Skip(?:Now|f)?\s*\(/, ext: /\.go$/ },
  { re: /#\[ignore\b/, ext: /\.rs$/ },
  { re: /@(?:Disabled|Ignore)\b/ },
  { re: /^\s*(?:skip|pending)\b(?:\s*\(|\s+['"]|\s*$)/, ext: /\.rb$/ },
];

export const FOCUS_MARKERS: Marker[] = [
  { re: /(?<![\w$])(?:it|test|describe|suite|context|specify)(?:\.\w+)*\.only\b/ },
  { re: /(?<![\w$.])(?:fit|fdescribe|fcontext|ftest)\s*\(/ },
  { re: /[{,]\s*only\s*:\s*true/ },
];

/** Lines of `text` that carry one of the markers, for a file at `path`. */
export function markerLines(text: string, path: string, markers: Marker[]): string[] {
  const active = markers.filter((m) => !m.ext || m.ext.test(path));
  return codeLines(text).filter((line) => active.some((m) => m.re.test(line)));
}

const TEST_DECLARATIONS: RegExp[] = [
  // it('…'), test('…'), it.each(…)(…), test.concurrent(…) — skipped/todo ones are not live tests
  /(?<![\w$.])(?:it|test|specify)(?:\.(?:each|concurrent|sequential|only|fails|failing))*\s*[(`]/g,
  /^\s*(?:async\s+)?def\s+test\w*\s*\(/gm,
  /^func\s+(?:Test|Benchmark|Fuzz|Example)\w*\s*\(/gm,
  /#\[(?:\w+::)*test\b[^\]]*\]/g,
  /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|Fact|Theory|TestMethod)\b/g,
  /^\s*(?:it|specify|scenario)\s+['"]/gm,
];

function countMatches(text: string, patterns: RegExp[]): number {
  let n = 0;
  for (const re of patterns) n += text.match(re)?.length ?? 0;
  return n;
}

export function countTests(text: string): number {
  return countMatches(codeLines(text).join('\n'), TEST_DECLARATIONS);
}

const ASSERTIONS: RegExp[] = [
  /(?<![\w$.])expect\s*\(/g,
  /(?<![\w$])assert(?:\w*!?\s*\(|\.\w+\s*\(|\s+[^\s=(])/g,
  /\.should\b/g,
  /(?<![\w$.])should(?:\.\w+)?\s*\(/g,
  /(?<![\w$])t\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(/g,
  /(?<![\w$])require\.\w+\s*\(/g,
];

export function countAssertions(text: string): number {
  const lines = codeLines(text).filter(
    (line) => !/^\s*(?:import|from\s+\S+\s+import|use|const\s+\w+\s*=\s*require)\b/.test(line),
  );
  return countMatches(lines.join('\n'), ASSERTIONS);
}

// ---------------------------------------------------------------- thresholds

export interface Threshold {
  /** What it is, as a reviewer reads it: "coverage lines", "--max-warnings". */
  key: string;
  value: number;
  /** Which direction makes the check stricter. */
  stricter: 'higher' | 'lower';
}

function collect(text: string, re: RegExp, make: (m: RegExpMatchArray) => Threshold): Threshold[] {
  return [...text.matchAll(re)].map(make);
}

/** Quality thresholds declared in a config file, in order of appearance. */
export function extractThresholds(path: string, text: string): Threshold[] {
  const found: Threshold[] = [];
  if (JS_COVERAGE_CONFIG.test(path)) {
    found.push(
      ...collect(
        text,
        /["']?\b(branches|functions|lines|statements)["']?\s*:\s*(-?\d+(?:\.\d+)?)/g,
        (m) => ({ key: `coverage ${m[1]}`, value: Number(m[2]), stricter: 'higher' }),
      ),
      ...collect(text, /["']?\b(?:check-coverage|checkCoverage)["']?\s*:\s*(true|false)/g, (m) => ({
        key: 'check-coverage',
        value: m[1] === 'true' ? 1 : 0,
        stricter: 'higher',
      })),
    );
  }
  if (PY_COVERAGE_CONFIG.test(path))
    found.push(
      ...collect(text, /^\s*fail_under\s*=\s*(\d+(?:\.\d+)?)/gm, (m) => ({
        key: 'fail_under',
        value: Number(m[1]),
        stricter: 'higher',
      })),
    );
  if (CODECOV_CONFIG.test(path))
    found.push(
      ...collect(text, /\btarget\s*:\s*["']?(\d+(?:\.\d+)?)%?/g, (m) => ({
        key: 'codecov target',
        value: Number(m[1]),
        stricter: 'higher',
      })),
    );
  // Command-line flags, wherever commands are written (scripts, Makefiles, CI, tox).
  found.push(
    ...collect(text, /(--cov-fail-under|--fail-under)[=\s]+(\d+(?:\.\d+)?)/g, (m) => ({
      key: m[1]!,
      value: Number(m[2]),
      stricter: 'higher',
    })),
    ...collect(text, /--(lines|branches|functions|statements)[=\s]+(\d+(?:\.\d+)?)/g, (m) => ({
      key: `--${m[1]}`,
      value: Number(m[2]),
      stricter: 'higher',
    })),
    ...collect(text, /--check-coverage\b(?!\s*[:=]\s*false)/g, () => ({
      key: '--check-coverage',
      value: 1,
      stricter: 'higher',
    })),
    ...collect(text, /--max-warnings[=\s]+(-?\d+)/g, (m) => ({
      key: '--max-warnings',
      // -1 means "any number of warnings"
      value: Number(m[1]) < 0 ? Number.POSITIVE_INFINITY : Number(m[1]),
      stricter: 'lower',
    })),
  );
  return found;
}

/** What got weaker between two threshold lists, compared key by key in order of appearance. */
export function weakenedThresholds(before: Threshold[], after: Threshold[]): string[] {
  const group = (list: Threshold[]): Map<string, Threshold[]> => {
    const map = new Map<string, Threshold[]>();
    for (const t of list) map.set(t.key, [...(map.get(t.key) ?? []), t]);
    return map;
  };
  const show = (n: number): string => (Number.isFinite(n) ? String(n) : 'unlimited');
  const afterByKey = group(after);
  const details: string[] = [];
  for (const [key, olds] of group(before)) {
    const news = afterByKey.get(key) ?? [];
    olds.forEach((old, i) => {
      const now = news[i];
      if (!now) details.push(`\`${key}\` threshold removed (was ${show(old.value)})`);
      else if (old.stricter === 'higher' ? now.value < old.value : now.value > old.value)
        details.push(
          `\`${key}\` threshold ${old.stricter === 'higher' ? 'lowered' : 'raised'} from ${show(old.value)} to ${show(now.value)}`,
        );
    });
  }
  return details;
}
