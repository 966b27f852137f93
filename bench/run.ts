import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureThroughput } from './pipeline-throughput';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const main = async () => {
  const runs = arg('runs', 3);
  const commands = arg('commands', 1000);
  const throughput = [];
  for (let r = 0; r < runs; r++) throughput.push(await measureThroughput(commands));
  const result = {
    machine: { node: process.version, platform: `${process.platform}-${process.arch}` },
    throughput: {
      runs: throughput,
      medianRatio: median(throughput.map((t) => t.ratio)),
      medianPipelinePerSecond: median(throughput.map((t) => t.pipelinePerSecond)),
      medianRawPerSecond: median(throughput.map((t) => t.rawPerSecond)),
      target: 0.8,
    },
  };
  const t = result.throughput;
  console.log(
    `pipeline on SQLite (synchronous=FULL): ${t.medianPipelinePerSecond.toFixed(0)} commands/s; raw better-sqlite3 one insert per transaction: ${t.medianRawPerSecond.toFixed(0)} inserts/s; ratio ${t.medianRatio.toFixed(2)} (target ≥ 0.8, median of ${runs} runs of ${commands})`,
  );
  mkdirSync(join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  const out = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
  writeFileSync(out, JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
  console.log(`results: ${out}`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
