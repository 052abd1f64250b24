import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// These machines have no Docker engine: the image and the compose file are checked by reading
// them, and the compose file by `docker-compose config` (which .ci/run installs).
const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);

describe('the Docker image', () => {
  it('is built in two stages: the compiled build, then production dependencies only', () => {
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages;
    expect(build).toMatch(/^RUN npm ci$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    // What the compiled code reads at run time, and no TypeScript sources.
    expect(runtime).toMatch(/^COPY schema \.\/schema$/m);
    expect(runtime).toMatch(/^COPY cypher \.\/cypher$/m);
    expect(runtime).not.toMatch(/^COPY src/m);
  });

  it('runs node dist/main.js as the unprivileged node user', () => {
    const runtime = stages[1];
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.indexOf('CMD'));
  });

  it('has every runtime import among the production dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const name of ['tsx', 'typescript', 'vitest']) expect(pkg.dependencies[name], name).toBeUndefined();
    for (const name of ['fastify', 'neo4j-driver', 'prom-client', '@apollo/server']) expect(pkg.dependencies[name], name).toBeDefined();
  });
});

describe('docker-compose.yml', () => {
  // `docker-compose config`: the file as compose reads it (valid, variables filled in).
  const text = execFileSync('docker-compose', ['config'], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_PASSWORD: 'a-password-of-our-own' },
  });
  const services = new Map(
    [...text.split(/^volumes:$/m)[0].matchAll(/^ {2}([\w-]+):\n((?: {4}.*\n|\n)*)/gm)].map((m) => [m[1], m[2]]),
  );
  const profiles = (name: string) => /profiles:\n((?: {4}- .*\n)+)/.exec(services.get(name) ?? '')?.[1].match(/- (\S+)/g)?.map((p) => p.slice(2)) ?? [];

  it('is valid, and runs Neo4j and one API without a profile', () => {
    expect([...services.keys()].sort()).toEqual(['api', 'api-2', 'lb', 'neo4j', 'neo4j-analytics']);
    expect(profiles('neo4j')).toEqual([]);
    expect(profiles('api')).toEqual([]);
    expect(services.get('api')).toContain('NEO4J_URI: bolt://neo4j:7687');
  });

  it('runs two API replicas behind a load balancer in the replicas profile, sharing the link secret', () => {
    expect(profiles('api-2')).toEqual(['replicas']);
    expect(profiles('lb')).toEqual(['replicas']);
    for (const api of ['api', 'api-2']) expect(services.get(api)).toContain('LOTGRAPH_LINK_SECRET');
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    expect(nginx).toContain('server api:4000');
    expect(nginx).toContain('server api-2:4000');
  });

  it('runs the analysts read-only copy in the analytics profile', () => {
    const analytics = (services.get('neo4j-analytics') ?? '').replace(/\s+/g, ' ');
    expect(profiles('neo4j-analytics')).toEqual(['analytics']);
    expect(analytics).toMatch(/NEO4J_server_databases_default__to__read__only: ["']true["']/);
    expect(analytics).toContain('neo4j-admin database load neo4j');
    expect(analytics).toMatch(/\/backups:\/backups:ro/);
  });
});
