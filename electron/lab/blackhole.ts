/**
 * A "firewall" for the lab (port 25, or a policy host's HTTPS port): listeners that never accept. Once their
 * accept queue is full, Linux drops further SYNs, so every connection attempt times out exactly as it does
 * from a network that blocks outbound port 25, or towards a host whose addresses black-hole. Node always accepts, so the listeners are held by a small python3 process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';

const SCRIPT = `
import socket, sys, time
port = int(sys.argv[1])
addresses = sys.argv[2:]
held = []
for a in addresses:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((a, port))
    s.listen(0)
    port = s.getsockname()[1]
    held.append(s)
print(port, flush=True)
sys.stdin.read()
`;

export interface Blackhole {
  port: number;
  close(): Promise<void>;
}

/** Holds one never-accepting listener per address, all on one port (`port`, or a free one), with their queues already full. */
export async function startBlackhole(addresses: string[], port = 0): Promise<Blackhole> {
  const child: ChildProcess = spawn('python3', ['-c', SCRIPT, String(port), ...addresses], { stdio: ['pipe', 'pipe', 'inherit'] });
  const bound = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`blackhole exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)));
  });
  // Fill each accept queue (backlog 0 keeps one connection) so later SYNs are dropped, not answered.
  const fillers: net.Socket[] = [];
  for (const host of addresses) {
    for (let i = 0; i < 2; i++) {
      const s = net.connect({ host, port: bound });
      s.on('error', () => undefined);
      fillers.push(s);
    }
  }
  await new Promise((r) => setTimeout(r, 200));
  return {
    port: bound,
    async close() {
      for (const s of fillers) s.destroy();
      child.stdin?.end();
      child.kill();
    },
  };
}
