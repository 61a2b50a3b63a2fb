import cliProgress from "cli-progress";

export interface Progress {
  update(done: number, info?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal (and not --json); otherwise silent, so
 * logs and pipes stay clean.
 */
export function progressBar(label: string, total: number, opts: { enabled: boolean; unit?: string }): Progress {
  if (!opts.enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${opts.unit ?? ""} | {detail}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { detail: "" });
  return {
    update(done, info) {
      bar.update(Math.min(done, total), { detail: info ? Object.entries(info).map(([k, v]) => `${k} ${v}`).join(", ") : "" });
    },
    stop() {
      bar.stop();
    },
  };
}
