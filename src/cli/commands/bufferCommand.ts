import { BufferFileError } from '../../errors/BufferFileError.js';
import { BufferInspectionError } from '../buffer/BufferInspectionError.js';
import { dropDeadLetter, requeueDeadLetter } from '../buffer/changeDeadLetter.js';
import type { InspectedBuffer } from '../buffer/InspectedBuffer.js';
import { listDeadLetters } from '../buffer/listDeadLetters.js';
import { listPending } from '../buffer/listPending.js';
import { openInspectedBuffer } from '../buffer/openInspectedBuffer.js';
import {
  parseBufferOptions,
  type BufferRequest,
  type BufferSubcommand,
} from '../buffer/parseBufferOptions.js';
import { summarizeBuffer } from '../buffer/summarizeBuffer.js';

/** Usage of the `buffer` command. */
export const BUFFER_USAGE = `Usage: fault-tolerance buffer <subcommand> --file PATH [options]

Inspects an SQLite buffer file (SqliteOperationBuffer) and moves its dead letters. It needs no
handlers and never runs an operation or shows a payload. list, dead and stats open the file
read-only and never change it; requeue and drop change only a file that is already a buffer.

Subcommands of buffer:
  list            pending operations, oldest first: id, name, key, attempts, next attempt,
                  time added and last error (--json for a JSON array)
  dead            dead letters, oldest first: id, name, key, attempts, time added, time
                  dead-lettered and last error (--json for a JSON array)
  stats           counts: pending operations, their keys, those that failed, dead letters
                  (--json for a JSON object)
  requeue ID      moves the dead letter with this operation id back into the buffer with its
                  attempt count reset: at the tail, or first in its key with --head
  drop ID         deletes the dead letter with this operation id. Pending operations cannot
                  be dropped, because the application may be running them at this moment

Options of buffer:
  --file PATH     the buffer file; it must exist, and it is never created
  --name NAME     the buffer's name inside the file (default "default")
  --json          print JSON (list, dead and stats); times are in milliseconds since the epoch
  --head          with requeue: put the operation first in its key
  -h, --help      print this help

Replaying is done by the application's own runner (BufferedOperationRunner), which has the
handlers: there is no replay subcommand. Put \`--\` before an id that starts with a dash.

Exit status of buffer: 0 on success; 1 when the file is missing, not a buffer file, damaged or
locked, when requeue or drop cannot write to it, or when they find no dead letter with the id;
2 on invalid arguments.`;

/** The subcommands that write to the buffer file; the others open it read-only. */
const CHANGING_SUBCOMMANDS: ReadonlySet<BufferSubcommand> = new Set(['requeue', 'drop']);

/** Runs the `buffer` command and returns the tool's exit status. */
export async function bufferCommand(args: readonly string[]): Promise<number> {
  const request = parseBufferOptions(args);
  if (request.kind === 'help') {
    console.log(BUFFER_USAGE);
    return 0;
  }
  try {
    const readOnly = !CHANGING_SUBCOMMANDS.has(request.kind);
    const buffer = await openInspectedBuffer(request.file, request.name, readOnly);
    try {
      console.log(await runSubcommand({ buffer, file: request.file, name: request.name }, request));
    } finally {
      await buffer.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof BufferFileError || error instanceof BufferInspectionError) {
      console.error(`fault-tolerance: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function runSubcommand(
  inspected: InspectedBuffer,
  request: Exclude<BufferRequest, { kind: 'help' }>,
): Promise<string> {
  const operationId = request.operationId ?? '';
  switch (request.kind) {
    case 'list':
      return listPending(inspected, request.json);
    case 'dead':
      return listDeadLetters(inspected, request.json);
    case 'stats':
      return summarizeBuffer(inspected, request.json);
    case 'requeue':
      return requeueDeadLetter(inspected, operationId, request.head);
    case 'drop':
      return dropDeadLetter(inspected, operationId);
  }
}
