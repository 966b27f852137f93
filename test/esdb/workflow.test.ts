import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const load = (path: string) => parse(readFileSync(join(root, path), 'utf8'));

interface Step {
  run?: string;
  env?: Record<string, string>;
}

describe('EventStoreDB CI workflow', () => {
  const compose = load('docker-compose.yml');
  const workflow = load('.github/workflows/esdb.yml');
  const job = workflow.jobs['esdb-contract'];
  const service = job.services.eventstore;

  it('runs the same EventStoreDB image and settings as docker-compose.yml', () => {
    const local = compose.services.eventstore;
    expect(service.image).toBe(local.image);
    expect(service.env).toEqual(local.environment);
    expect(service.ports).toContain('2113:2113');
    // Locally on the loopback only (issue 26: the insecure dev mode is published to no one else);
    // the CI runner is a throwaway machine.
    expect(local.ports).toEqual(['127.0.0.1:2113:2113']);
  });

  it('health-checks the service in CI and locally', () => {
    expect(service.options).toMatch(/--health-cmd "curl -f http:\/\/localhost:2113\/health\/live/);
    expect(service.options).toMatch(/--health-interval \S+/);
    expect(service.options).toMatch(/--health-retries \d+/);
    expect(compose.services.eventstore.healthcheck.test.join(' ')).toContain(
      'http://localhost:2113/health/live',
    );
    expect(compose.volumes).toHaveProperty('eventstore-data');
    expect(compose.services.eventstore.volumes).toEqual(['eventstore-data:/var/lib/eventstore']);
  });

  it('points the contract tests at the service', () => {
    const steps = job.steps as Step[];
    const test = steps.find((s) => s.run?.includes('jest'));
    expect(test?.run).toContain('test/esdb');
    expect(test?.env?.EVENTSTORE_CONNECTION_STRING).toBe('esdb://localhost:2113?tls=false');
    const wait = steps.findIndex((s) => s.run?.includes('/health/live'));
    expect(wait).toBeGreaterThan(-1);
    expect(wait).toBeLessThan(steps.indexOf(test!));
  });
});
