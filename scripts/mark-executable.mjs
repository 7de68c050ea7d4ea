// Marks the command-line entry point executable. npm does so when it links a package's bin, but
// only once, so a rebuild would otherwise leave a linked `fault-tolerance` without its x bit.
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
