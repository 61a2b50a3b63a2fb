/** Finds initdb/pg_ctl on PATH or in Debian's /usr/lib/postgresql/<version>/bin. */
export function findPgBin(): string | null;
/** Starts a throwaway PostgreSQL server on a free loopback port. */
export function startThrowawayPostgres(): Promise<{ url: string; port: number; stop: () => void; logFile: string }>;
