#!/usr/bin/env node
// `npm run cluster:nats`: a local three-node NATS cluster with JetStream, for trying the services
// against replicated streams (JETSTREAM_REPLICAS=3) and for the cluster test
// (libs/testing/test/nats-cluster.integration-spec.ts). Three `nats-server -js` processes with
// routes to each other, their own client and cluster ports and their own store directories.
// Runs in the foreground; Ctrl-C stops the three nodes. Options:
//   --client-port=4190   client ports 4190, 4191, 4192
//   --cluster-port=4195  route ports 4195, 4196, 4197
//   --store=/tmp/netsign-nats-cluster   store directories <store>/n1, n2, n3 (kept between runs)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NATS_SERVER_CANDIDATES = [
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server',
];

/** The command lines of the nodes of one cluster (pure: no process is started). */
export function natsClusterNodes({
  size = 3,
  clientPort = 4190,
  clusterPort = 4195,
  storeRoot = '/tmp/netsign-nats-cluster',
  clusterName = 'netsign',
  host = '127.0.0.1',
} = {}) {
  const nodes = Array.from({ length: size }, (_, i) => ({
    name: `n${i + 1}`,
    port: clientPort + i,
    clusterPort: clusterPort + i,
    storeDir: join(storeRoot, `n${i + 1}`),
  }));
  const routes = nodes.map((n) => `nats://${host}:${n.clusterPort}`).join(',');
  return nodes.map((n) => ({
    ...n,
    url: `nats://${host}:${n.port}`,
    args: [
      '-js',
      '--server_name',
      n.name,
      '-a',
      host,
      '-p',
      String(n.port),
      '-sd',
      n.storeDir,
      '--cluster_name',
      clusterName,
      '--cluster',
      `nats://${host}:${n.clusterPort}`,
      '--routes',
      routes,
    ],
  }));
}

function natsServerBinary() {
  const bin = NATS_SERVER_CANDIDATES.find(existsSync);
  if (!bin) throw new Error('nats-server not found: apt-get install nats-server');
  return bin;
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the nodes and waits until JetStream answers through every one of them (a meta leader is
 * elected). Refuses to start if a port is already taken. `kill(name)` and `start(name)` stop and
 * restart one node with the same store, as a failed machine would come back.
 */
export async function startNatsCluster(options = {}) {
  const nodes = natsClusterNodes(options);
  for (const n of nodes) {
    for (const port of [n.port, n.clusterPort]) {
      if (await portOpen(port))
        throw new Error(`port ${port} is in use (${n.name}); is a cluster already running?`);
    }
  }
  const bin = natsServerBinary();
  const running = new Map();
  const log = options.log ?? (() => undefined);

  const start = (name) => {
    const node = nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no node ${name}`);
    if (running.has(name)) throw new Error(`${name} is running`);
    mkdirSync(node.storeDir, { recursive: true });
    const child = spawn(bin, node.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        for (const line of chunk.split('\n')) if (line) log(node.name, line);
      });
    }
    running.set(name, { child, exited });
    return child.pid;
  };

  const kill = async (name, signal = 'SIGKILL') => {
    const proc = running.get(name);
    if (!proc) return;
    running.delete(name);
    proc.child.kill(signal);
    await proc.exited;
  };

  const stop = async () => {
    await Promise.all([...running.keys()].map((name) => kill(name, 'SIGTERM')));
  };

  const ready = async (timeoutMs = 30_000) => {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const deadline = Date.now() + timeoutMs;
    for (const n of nodes.filter((node) => running.has(node.name))) {
      for (;;) {
        try {
          const nc = await connect({ servers: n.url, reconnect: false, timeout: 1_000 });
          try {
            const jsm = await jetstreamManager(nc, { timeout: 2_000 });
            await jsm.getAccountInfo();
            break;
          } finally {
            await nc.close();
          }
        } catch (err) {
          if (Date.now() > deadline)
            throw new Error(`${n.name} not ready in ${timeoutMs} ms: ${err.message}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
  };

  try {
    for (const n of nodes) start(n.name);
    await ready(options.readyTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    nodes,
    /** For NATS_URL: every node, comma-separated. */
    url: nodes.map((n) => n.url).join(','),
    start,
    kill,
    ready,
    stop,
    pid: (name) => running.get(name)?.child.pid,
  };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const options = {
    ...(arg('client-port') ? { clientPort: Number(arg('client-port')) } : {}),
    ...(arg('cluster-port') ? { clusterPort: Number(arg('cluster-port')) } : {}),
    ...(arg('store') ? { storeRoot: arg('store') } : {}),
    log: (name, line) => process.stdout.write(`[${name}] ${line}\n`),
  };
  let cluster;
  try {
    cluster = await startNatsCluster(options);
  } catch (err) {
    console.error(`cluster:nats: ${err.message}`);
    process.exit(1);
  }
  console.log(
    `\nThree-node NATS cluster ready. Run the services with:\n  NATS_URL=${cluster.url} JETSTREAM_REPLICAS=3\nCtrl-C stops it.`,
  );
  const shutdown = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
