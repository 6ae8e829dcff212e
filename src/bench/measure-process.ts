/**
 * Runs one build as a child process and measures its wall time and peak resident memory: from
 * `/usr/bin/time -v` ("Maximum resident set size") when it exists, else by polling the child's
 * VmHWM in /proc.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface ProcessSpec {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ProcessResult {
  code: number | null;
  milliseconds: number;
  /** Peak resident set size in kilobytes, when it could be read. */
  maxRssKb?: number;
  /** The last lines of stderr, for a failure's message. */
  stderrTail: string;
  /** The line of the error output that says why the command failed (failureReason). */
  reason: string;
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export function parseMaxRss(stderr: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return match ? Number(match[1]) : undefined;
}

export function readVmHwm(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function runMeasured(spec: ProcessSpec, timeoutMs = 30 * 60_000): Promise<ProcessResult> {
  const useTime = hasGnuTime();
  const [command, args] = useTime ? [GNU_TIME, ['-v', spec.command, ...spec.args]] : [spec.command, spec.args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let head = '';
    let polled: number | undefined;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (head.length < 4000) head += chunk.slice(0, 4000 - head.length);
      stderr = (stderr + chunk).slice(-20_000);
    });
    const poll = useTime
      ? undefined
      : setInterval(() => {
          const hwm = child.pid === undefined ? undefined : readVmHwm(child.pid);
          if (hwm !== undefined) polled = Math.max(polled ?? 0, hwm);
        }, 20);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      reject(error);
    });
    child.on('close', (code) => {
      const milliseconds = performance.now() - started;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const maxRssKb = useTime ? parseMaxRss(stderr) : polled;
      const ownStderr = useTime ? stderr.replace(/\s*Command being timed:[\s\S]*$/, '') : stderr;
      const stderrTail = ownStderr.replace(/Command (exited with non-zero status|terminated by signal) \d+\s*$/, '').trim().split('\n').slice(-8).join('\n');
      // GNU time exits with the command's status (and reports a signal as "terminated by signal").
      resolve({
        code: useTime && /Command terminated by signal/.test(stderr) && code === 0 ? 1 : code,
        milliseconds,
        maxRssKb,
        stderrTail,
        reason: failureReason(head, stderrTail),
      });
    });
  });
}

/**
 * The line of a failed command's error output that says why: the first that names an error (a Ruby
 * backtrace puts the cause above its last lines, which only say where Jekyll was loaded), else the
 * last two lines.
 */
export function failureReason(head: string, tail: string): string {
  const lines = [...head.split('\n'), ...tail.split('\n')]
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, '').trim())
    .filter((line) => line !== '');
  return lines.find((line) => /error|cannot|not found|missing/i.test(line) && !/^from /.test(line)) ?? lines.slice(-2).join(' ');
}
