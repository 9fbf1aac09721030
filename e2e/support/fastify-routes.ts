/**
 * The routes a running Fastify instance serves, from `printRoutes({ commonPrefix: false })`: a
 * radix tree whose lines carry a path segment and, on nodes that are routes, their methods, e.g.
 *
 *     ├── /api/agreements (POST, GET, HEAD)
 *     │   └── /:agreementId|:id (GET, HEAD)
 *     │       ├── /pdf (GET, HEAD)
 *
 * A node's path is its ancestors' segments joined. Two routes that share a parameter under
 * different names show as `:a|:b`; parameters are kept as the first name (compare routes with
 * their parameter names erased). HEAD (added by Fastify for every GET) is left out.
 */
export function routesFromTree(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const segment = match[2]!.replace(/:([^/|]+)(?:\|:[^/]+)+/g, ':$1');
    stack.length = depth;
    stack.push(segment);
    if (!match[3]) continue;
    const path = stack.join('');
    for (const method of match[3].split(',').map((m) => m.trim())) {
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return [...new Set(routes)];
}
