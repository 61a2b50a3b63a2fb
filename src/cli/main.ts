import { reportError } from "./output.ts";
import { buildProgram } from "./program.ts";

// `retain … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(e, process.argv.includes("--verbose"));
}
