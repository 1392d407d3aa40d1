// Generates the API client's messages and service descriptors from the protos (protoc-gen-es v2)
// into src/gen/. The generated code is never committed: every build makes it anew.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const protos = join(web, '..', 'protos');
const out = join(web, 'src', 'gen');

function protoFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return protoFiles(path);
    return entry.endsWith('.proto') ? [relative(protos, path)] : [];
  });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(
  'protoc',
  [
    `--plugin=protoc-gen-es=${join(web, 'node_modules', '.bin', 'protoc-gen-es')}`,
    `--es_out=${out}`,
    '--es_opt=target=ts,import_extension=none',
    `-I${protos}`,
    ...protoFiles(protos),
  ],
  { stdio: 'inherit', cwd: protos },
);
