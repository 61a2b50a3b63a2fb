// Lint: the layering rules of docs/architecture.md, checked on every `npm test`.
import tseslint from "typescript-eslint";

const restrict = (patterns, message) => ["error", { patterns: patterns.map((group) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "scratch/**", "bench/out/**", "test-results/**"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
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
    // A folder inside domain/ may use the rules beside it (../decimal.ts), still nothing outside domain/.
    files: ["src/domain/*/**/*.ts"],
    rules: { "no-restricted-imports": restrict([["../../*", "!../../domain/*"]], "domain/ holds plain types and rules and imports nothing else of ours.") },
  },
  {
    files: ["src/store/**/*.ts", "src/ingest/**/*.ts", "src/archive/**/*.ts", "src/demo/**/*.ts", "src/accounts/**/*.ts", "src/audit/**/*.ts", "src/webhooks/**/*.ts", "src/jobs/**/*.ts", "src/messages/**/*.ts"],
    rules: { "no-restricted-imports": restrict([["**/cli/**", "**/http/**"]], "The library never imports its surfaces (cli/, http/).") },
  },
  {
    files: ["web/src/**/*.ts", "web/src/**/*.tsx"],
    rules: {
      "no-restricted-imports": restrict([["**/src/*/**", "node:*"]], "web/ runs in the browser and talks to the server only over HTTP: it imports nothing from src/ and no Node modules."),
      // Customer names and notes are data from outside: they are rendered as text, never as HTML.
      "no-restricted-syntax": ["error", { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Render data as text; never as HTML." }],
    },
  },
  {
    files: ["web/src/features/**/*.ts", "web/src/features/**/*.tsx"],
    rules: {
      "no-restricted-imports": restrict([["**/src/*/**", "node:*", "**/app/**"]], "A feature does not import the app that composes it (app/) nor server code (src/)."),
      "no-restricted-syntax": ["error", { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Render data as text; never as HTML." }],
    },
  },
);
