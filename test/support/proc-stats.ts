import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from Linux /proc; null if gone. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Peak resident memory of a process so far, in MiB (Linux /proc); null if gone. */
export function peakRssMiBOf(pid: number | undefined): number | null {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : null;
  } catch {
    return null;
  }
}
