// Finds the fenced blocks of a Markdown file and what their info string asks for.
//
// A block runs when its info string has the word `runnable`:
//
//   ```ts runnable                 a TypeScript program, run alone
//   ```ts runnable group=guide     concatenated, in order, with the file's other blocks of group "guide"
//   ```bash runnable               a shell script, run with bash -e in a fresh temporary directory
//   ```bash runnable cwd=repo      the same, in the repository root
//   ```text output                 right after a runnable block (or group): its exact standard output
//
// `timeout=<ms>` on a runnable block (or the first block of a group) raises its time limit.

/** Languages the runner knows how to execute. */
export const TS_LANGS = new Set(["ts", "typescript"]);
export const SHELL_LANGS = new Set(["bash", "sh", "shell", "console"]);

/**
 * @typedef {object} Fence
 * @property {number} line - 1-based line of the opening fence
 * @property {string} lang - the info string's first word, lower case ("" when none)
 * @property {Record<string, string | true>} attrs - the other words: `key=value` or bare flags
 * @property {string} body - the content, without the fences, indentation of the fence removed
 */

/**
 * Every fenced block of `markdown`, in order.
 *
 * @param {string} markdown
 * @returns {Fence[]}
 */
export function parseFences(markdown) {
  const lines = markdown.split(/\r?\n/);
  /** @type {Fence[]} */
  const fences = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, marker, info] = open;
    const words = info
      .trim()
      .split(/\s+/)
      .filter((w) => w !== "");
    const lang = (words.shift() ?? "").toLowerCase();
    /** @type {Record<string, string | true>} */
    const attrs = {};
    for (const word of words) {
      const eq = word.indexOf("=");
      if (eq === -1) attrs[word] = true;
      else attrs[word.slice(0, eq)] = word.slice(eq + 1);
    }
    const body = [];
    let j = i + 1;
    const close = new RegExp(`^\\s*${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
    for (; j < lines.length && !close.test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    fences.push({ line: i + 1, lang, attrs, body: body.join("\n") });
    i = j;
  }
  return fences;
}

/**
 * @typedef {object} Job
 * @property {"ts" | "shell"} kind
 * @property {string} name - `file:line` of its first block (and the group, if any)
 * @property {string} source - the program or script
 * @property {string | undefined} expectedOutput - the `output` block after it, if any
 * @property {"tmp" | "repo"} cwd
 * @property {number} timeoutMs
 */

/**
 * The runnable jobs of one file: each runnable block alone, or the blocks of one group joined.
 * An `output` block belongs to the runnable block (or group) just before it.
 *
 * @param {string} file - path shown in names
 * @param {Fence[]} fences
 * @param {number} defaultTimeoutMs
 * @returns {Job[]}
 */
export function jobsOf(file, fences, defaultTimeoutMs) {
  /** @type {Job[]} */
  const jobs = [];
  /** @type {Map<string, Job>} */
  const groups = new Map();
  /** @type {Job | undefined} */
  let previous;
  for (const fence of fences) {
    if (fence.attrs.output === true) {
      if (previous === undefined)
        throw new Error(`${file}:${fence.line}: an output block must follow a runnable block`);
      previous.expectedOutput = fence.body;
      previous = undefined;
      continue;
    }
    if (fence.attrs.runnable !== true) {
      previous = undefined;
      continue;
    }
    const kind = TS_LANGS.has(fence.lang) ? "ts" : SHELL_LANGS.has(fence.lang) ? "shell" : undefined;
    if (kind === undefined) throw new Error(`${file}:${fence.line}: cannot run a "${fence.lang}" block`);
    const cwd = fence.attrs.cwd === "repo" ? "repo" : "tmp";
    const timeoutMs =
      typeof fence.attrs.timeout === "string" ? Number(fence.attrs.timeout) : defaultTimeoutMs;
    const group = typeof fence.attrs.group === "string" ? fence.attrs.group : undefined;
    const existing = group === undefined ? undefined : groups.get(group);
    if (existing !== undefined) {
      existing.source += `\n// ${file}:${fence.line}\n${fence.body}\n`;
      previous = existing;
      continue;
    }
    /** @type {Job} */
    const job = {
      kind,
      name: `${file}:${fence.line}${group === undefined ? "" : ` (group ${group})`}`,
      source: `${kind === "ts" ? `// ${file}:${fence.line}\n` : ""}${fence.body}\n`,
      expectedOutput: undefined,
      cwd,
      timeoutMs,
    };
    if (group !== undefined) groups.set(group, job);
    jobs.push(job);
    previous = job;
  }
  return jobs;
}
