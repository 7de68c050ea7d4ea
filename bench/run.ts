// Runs every benchmark suite under bench/suites, or only those whose file name contains the
// first argument: `npm run bench -- retry`.
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const suitesFolder = new URL('./suites/', import.meta.url);
const suites = readdirSync(suitesFolder)
  .filter((file) => file.endsWith('.ts') && file.includes(filter))
  .sort();

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
for (const suite of suites) {
  const module = (await import(new URL(suite, suitesFolder).href)) as { run: () => Promise<void> };
  await module.run();
}
