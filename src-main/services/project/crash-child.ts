/**
 * A child process for the crash tests (run with `node --import tsx crash-child.ts <mode> <stateDir> <file>`):
 *   save-loop  saves the project over and over, printing `saved N` after each completed save
 *              (the network's first bias holds N), until it is killed;
 *   journal    opens the project, journals unsaved edits (first bias 4242), prints `journaled`, and waits to be killed.
 */
import { createSession } from '../session';
import { fixtureNetwork } from './fixtures/fixture-network';
import * as svc from './service';

const [mode, stateDir, file] = process.argv.slice(2);
const { session } = createSession({ mode: 'electron', projectsDir: null, stateDir, emit: () => {} });

if (mode === 'save-loop') {
  svc.openProject(session, file);
  const net = fixtureNetwork();
  for (let n = 1; ; n++) {
    net.neurons[0].bias = n;
    net.neurons[1].label = `save ${n} `.repeat(n % 50);
    svc.saveProject(session, net);
    process.stdout.write(`saved ${n}\n`);
  }
} else if (mode === 'journal') {
  svc.openProject(session, file);
  const net = fixtureNetwork();
  net.neurons[0].bias = 4242;
  svc.journal(session, net);
  process.stdout.write('journaled\n');
  setInterval(() => {}, 1000);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
