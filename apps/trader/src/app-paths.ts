/**
 * Where the app's own files are: the package root is found by walking up from this module, which
 * works from the sources (src/) and from the bundle (dist/, whatever chunk this code lands in).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "@tsgate/trader";

function isAppRoot(dir: string): boolean {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The directory of the `@tsgate/trader` package. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isAppRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the ${PACKAGE_NAME} package above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The files the web server serves, by URL path. */
export function webAssets(root = appRoot()): ReadonlyMap<string, { file: string; type: string }> {
  return new Map([
    ["/", { file: join(root, "web", "index.html"), type: "text/html; charset=utf-8" }],
    ["/index.html", { file: join(root, "web", "index.html"), type: "text/html; charset=utf-8" }],
    ["/styles.css", { file: join(root, "web", "styles.css"), type: "text/css; charset=utf-8" }],
    // Styles of the bundled libraries (uPlot's), emitted by the web build beside app.js.
    ["/app.css", { file: join(root, "dist", "web", "app.css"), type: "text/css; charset=utf-8" }],
    ["/app.js", { file: join(root, "dist", "web", "app.js"), type: "text/javascript; charset=utf-8" }],
    [
      "/app.js.map",
      { file: join(root, "dist", "web", "app.js.map"), type: "application/json; charset=utf-8" },
    ],
    ["/favicon.svg", { file: join(root, "web", "favicon.svg"), type: "image/svg+xml" }],
  ]);
}
