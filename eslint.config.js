// Lint: the layering rules of docs/architecture.md, checked on every `npm test`.
import tseslint from "typescript-eslint";

const restrict = (patterns, message) => ["error", { patterns: patterns.map((group) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "scratch/**", "bench/out/**", "test-results/**"] },
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/analytics/**/*.ts"],
    rules: { "no-restricted-imports": restrict([["**/store/**", "**/http/**", "**/cli/**", "**/ingest/**", "pg", "@electric-sql/*", "kysely"]], "analytics/ is pure: it takes arrays and returns results, with no I/O.") },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: { "no-restricted-imports": restrict([["../*", "!../domain/*"]], "domain/ holds plain types and rules and imports nothing else of ours.") },
  },
  {
    files: ["src/store/**/*.ts", "src/ingest/**/*.ts", "src/archive/**/*.ts", "src/demo/**/*.ts"],
    rules: { "no-restricted-imports": restrict([["**/cli/**", "**/http/**"]], "The library never imports its surfaces (cli/, http/).") },
  },
);
