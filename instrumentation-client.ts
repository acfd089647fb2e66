// Runs in the browser before the app hydrates. Zod 4 compiles object parsers with `new Function` when
// it can, and probes for that by calling `Function("")` on first parse: under our CSP (no
// 'unsafe-eval') the probe is refused and reported as a violation. Jitless mode parses without
// generated code, so the browser never attempts eval. The server is unaffected (no CSP applies there).
//
// Zod keeps its configuration on `globalThis.__zod_globalConfig` (zod/v4/core/core.js) and reads it at
// parse time, so setting the flag there avoids importing zod here: an import in this file would put
// zod into the first-load JavaScript of every route, including the many that never parse in the browser.
const zodGlobal = globalThis as { __zod_globalConfig?: Record<string, unknown> };
// Mutated in place, never replaced: zod holds a reference to this object once it has loaded.
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;
