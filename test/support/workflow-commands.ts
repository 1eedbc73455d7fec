// The runner's reading of what an action writes: file commands (GITHUB_OUTPUT, GITHUB_STATE,
// GITHUB_ENV, in `k=v` and heredoc `k<<DELIM` forms) and workflow commands on stdout
// (`::error::`, `::add-mask::`, `::stop-commands::`), with the same escaping as @actions/core.

export type AnnotationLevel = 'error' | 'warning' | 'notice' | 'debug';
export interface Annotation {
  level: AnnotationLevel;
  message: string;
}

/** Parses a file-command file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV) with the runner's rules. */
export function parseFileCommand(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const key = line.slice(0, eq);
      if (!key) throw new Error(`Invalid format '${line}': name must not be empty`);
      result[key] = line.slice(eq + 1);
    } else if (heredoc >= 0) {
      const key = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (!key || !delimiter)
        throw new Error(`Invalid format '${line}': name and delimiter must not be empty`);
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`Matching delimiter not found '${delimiter}'`);
      result[key] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      throw new Error(`Invalid format '${line}'`);
    }
  }
  return result;
}

const unescapeData = (s: string) =>
  s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

/** Workflow commands (`::error file=a::msg`, `::add-mask::v`) on stdout, honouring ::stop-commands::. */
export function parseWorkflowCommands(stdout: string): {
  annotations: Annotation[];
  masks: string[];
} {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  let resumeToken: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined;
      continue;
    }
    const m = /^::([A-Za-z-]+)(?:\s[^]*?)?::([^]*)$/.exec(line);
    if (!m) continue;
    const [, command, data] = m as unknown as [string, string, string];
    if (command === 'stop-commands') resumeToken = data;
    else if (command === 'add-mask') masks.push(unescapeData(data));
    else if (['error', 'warning', 'notice', 'debug'].includes(command))
      annotations.push({ level: command as AnnotationLevel, message: unescapeData(data) });
  }
  return { annotations, masks };
}
