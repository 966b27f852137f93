/**
 * The deployment files, read without a Docker engine: the image (official Node image, built with
 * `npm ci`, run as the unprivileged `node` user), docker-compose.yml (EventStoreDB, the view
 * follower and the server, wired by the environment variables the program reads) and the workflow
 * that builds the image and smoke-tests it against the EventStoreDB service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/main';

const root = join(__dirname, '..', '..');
const text = (path: string) => readFileSync(join(root, path), 'utf8');
const compose = parse(text('docker-compose.yml'));
const workflow = parse(text('.github/workflows/server-image.yml'));

/** The environment variables a subcommand's options read. */
const envOf = (name: string): Set<string> => {
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const program = buildProgram(
    { stdout: sink, stderr: sink, stdin: process.stdin, env: {} },
    () => undefined,
  );
  const command = program.commands.find((c: Command) => c.name() === name)!;
  return new Set(command.options.map((o: Option) => o.envVar).filter((e): e is string => e !== undefined));
};

describe('the image', () => {
  const dockerfile = text('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds on the official Node image with npm ci, and runs the built program as a non-root user', () => {
    expect(stages.map((s) => s.split(/\s/)[0])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(stages[0]).toMatch(/^RUN npm ci\b/m);
    expect(stages[0]).toMatch(/^RUN npm run build && npm prune --omit=dev/m);
    const final = stages[1]!;
    expect(final).toMatch(/^USER node$/m);
    expect(final.indexOf('USER node')).toBeLessThan(final.indexOf('ENTRYPOINT'));
    expect(final).toContain('ENTRYPOINT ["node", "dist/src/cli/main.js"]');
    expect(final).toContain('CMD ["serve"]');
    expect(final).toMatch(/^EXPOSE 8080$/m);
    expect(final).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(final).toMatch(/chown node:node \/data \/views/);
  });

  it('leaves local state out of the build context', () => {
    const ignored = text('.dockerignore').split('\n');
    for (const p of ['node_modules', 'dist', '*.db', '.git']) expect(ignored).toContain(p);
  });
});

describe('docker compose', () => {
  const { eventstore, views, ledger } = compose.services;

  it('starts EventStoreDB, the view follower and the server, the latter two once EventStoreDB is healthy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['eventstore', 'ledger', 'views']);
    expect(views.build).toBe('.');
    expect(ledger.build).toBe('.');
    expect(views.command).toEqual(['project', '--follow']);
    expect(ledger.command).toEqual(['serve']);
    for (const s of [views, ledger])
      expect(s.depends_on).toEqual({ eventstore: { condition: 'service_healthy' } });
    expect(ledger.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(eventstore.healthcheck.test.join(' ')).toContain('/health/live');
  });

  it('publishes the insecure EventStoreDB on the loopback interface only, and says how to secure it', () => {
    expect(eventstore.environment.EVENTSTORE_INSECURE).toBe('true');
    // host:port:port with a loopback host; a bare "2113:2113" would listen on every interface.
    for (const p of [...(eventstore.ports ?? []), ...(ledger.ports ?? [])])
      expect(String(p)).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    const file = text('docker-compose.yml');
    for (const step of [
      'es-gencert-cli create-ca',
      'EVENTSTORE_CERTIFICATE_FILE',
      'EVENTSTORE_CERTIFICATE_PRIVATE_KEY_FILE',
      'EVENTSTORE_TRUSTED_ROOT_CERTIFICATES_PATH',
      'tls=true&tlsCAFile=',
      'changeit',
    ])
      expect(file).toContain(step);
  });

  it('wires them by the environment variables the program reads, to the same store and views file', () => {
    expect(Object.keys(views.environment).every((k) => envOf('project').has(k))).toBe(true);
    expect(Object.keys(ledger.environment).every((k) => envOf('serve').has(k))).toBe(true);
    expect(views.environment.VPN_LEDGER_STORE).toBe('esdb://eventstore:2113?tls=false');
    expect(ledger.environment.VPN_LEDGER_STORE).toBe(views.environment.VPN_LEDGER_STORE);
    expect(ledger.environment.VPN_LEDGER_VIEWS).toBe(views.environment.VPN_LEDGER_VIEWS);
    const viewsDir = (v: string) => v.replace(/^sqlite:/, '').replace(/\/[^/]+$/, '');
    const mount = (s: { volumes: string[] }, dir: string) =>
      s.volumes.find((v) => v.endsWith(`:${dir}`))?.split(':')[0];
    const dir = viewsDir(views.environment.VPN_LEDGER_VIEWS);
    expect(mount(views, dir)).toBeDefined();
    expect(mount(ledger, dir)).toBe(mount(views, dir));
    expect(ledger.environment.VPN_LEDGER_HOST).toBe('0.0.0.0');
    expect(mount(ledger, '/data')).toBeDefined();
    expect(ledger.environment.VPN_LEDGER_TOKENS.startsWith('/data/')).toBe(true);
    for (const v of [...views.volumes, ...ledger.volumes])
      expect(compose.volumes).toHaveProperty(v.split(':')[0]);
  });
});

describe('the image workflow', () => {
  const job = workflow.jobs['image-smoke'];
  const steps = job.steps as { name?: string; run?: string }[];
  const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ''));

  it('smoke-tests against the same EventStoreDB image and settings as docker-compose.yml', () => {
    expect(job.services.eventstore.image).toBe(compose.services.eventstore.image);
    expect(job.services.eventstore.env).toEqual(compose.services.eventstore.environment);
    expect(job.services.eventstore.options).toMatch(
      /--health-cmd "curl -f http:\/\/localhost:2113\/health\/live/,
    );
  });

  it('builds the image, waits for EventStoreDB, starts the follower and the server, then calls it', () => {
    const build = at(/docker build -t vpn-ledger:ci \./);
    const wait = at(/2113\/health\/live/);
    const start = at(/project --follow/);
    const smoke = at(/\/v1\/commands\/batch/);
    expect(build).toBeGreaterThan(-1);
    expect([build, wait, start, smoke]).toEqual([...[build, wait, start, smoke]].sort((a, b) => a - b));
    expect(new Set([build, wait, start, smoke]).size).toBe(4);
    const startRun = steps[start]!.run!;
    expect(startRun).toContain('token add --principal staff:ci');
    expect(startRun).toMatch(/vpn-ledger:ci serve/);
    const smokeRun = steps[smoke]!.run!;
    for (const probe of [
      '/health',
      '/openapi.json',
      '/v1/contracts',
      '/v1/charges?month=2025-10',
      '.generatedFrom.source == "views"',
    ])
      expect(smokeRun).toContain(probe);
    expect(job.env.STORE).toBe('esdb://localhost:2113?tls=false');
  });
});
