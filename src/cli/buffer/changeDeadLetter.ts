import { BufferInspectionError } from './BufferInspectionError.js';
import { describeBuffer, quote, type InspectedBuffer } from './InspectedBuffer.js';

/**
 * Moves the oldest dead letter with `operationId` back into the buffer: at the tail, or with
 * `head` first in its key. Its attempt count starts again from 0. Throws a
 * {@link BufferInspectionError} when no dead letter has that id.
 */
export async function requeueDeadLetter(
  inspected: InspectedBuffer,
  operationId: string,
  head: boolean,
): Promise<string> {
  const position = head ? 'head' : 'tail';
  if (!(await inspected.buffer.requeue(operationId, { position }))) {
    throw await missingDeadLetter(inspected, operationId, 'requeue');
  }
  const where = head ? 'first in its key' : 'at the tail';
  const buffer = describeBuffer(inspected);
  return `Requeued ${quote(operationId)} in ${buffer}: ${where}, with 0 attempts.`;
}

/**
 * Deletes the oldest dead letter with `operationId`. Throws a {@link BufferInspectionError}
 * when no dead letter has that id, including when the id belongs to a pending operation: those
 * are never dropped, because the application may be running them at this moment.
 */
export async function dropDeadLetter(
  inspected: InspectedBuffer,
  operationId: string,
): Promise<string> {
  if (!(await inspected.buffer.drop(operationId))) {
    throw await missingDeadLetter(inspected, operationId, 'drop');
  }
  return `Dropped dead letter ${quote(operationId)} from ${describeBuffer(inspected)}.`;
}

/** Explains why there is no dead letter to act on, naming a pending operation with that id. */
async function missingDeadLetter(
  inspected: InspectedBuffer,
  operationId: string,
  verb: 'requeue' | 'drop',
): Promise<BufferInspectionError> {
  const where = describeBuffer(inspected);
  const entries = await inspected.buffer.entries();
  if (entries.some((entry) => entry.operationId === operationId)) {
    const reason =
      verb === 'requeue'
        ? 'it is already waiting to run'
        : 'pending operations are never dropped, because the application may be running ' +
          'one at this moment';
    return new BufferInspectionError(
      `${quote(operationId)} is a pending operation of ${where}, not a dead letter, and ` +
        `\`buffer ${verb}\` acts on dead letters only: ${reason}.`,
    );
  }
  return new BufferInspectionError(
    `No dead letter with id ${quote(operationId)} in ${where}; \`buffer dead\` lists them.`,
  );
}
