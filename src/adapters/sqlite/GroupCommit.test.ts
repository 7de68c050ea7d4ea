import { describe, expect, it } from 'vitest';
import { GroupCommit } from './GroupCommit.js';

describe('GroupCommit', () => {
  it('commits adds of the same turn together', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((items) => batches.push([...items]));

    await Promise.all([commits.add(1), commits.add(2), commits.add(3)]);

    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers producers woken by the same commit', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((items) => batches.push([...items]));
    const producer = async (first: number): Promise<void> => {
      for (let item = first; item < first + 30; item += 10) {
        await commits.add(item);
      }
    };

    await Promise.all([producer(0), producer(1), producer(2)]);

    expect(batches).toEqual([
      [0, 1, 2],
      [10, 11, 12],
      [20, 21, 22],
    ]);
  });

  it('resolves each add only after the commit returned', async () => {
    let committed = false;
    const commits = new GroupCommit<number>(() => {
      committed = true;
    });
    const seenAtResolve: boolean[] = [];

    await Promise.all(
      [1, 2].map((item) => commits.add(item).then(() => seenAtResolve.push(committed))),
    );

    expect(seenAtResolve).toEqual([true, true]);
  });

  it('rejects every add of a failed commit', async () => {
    const failure = new Error('disk full');
    const commits = new GroupCommit<number>(() => {
      throw failure;
    });

    const results = await Promise.allSettled([commits.add(1), commits.add(2)]);

    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
  });

  it('commits at once on flush', () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((items) => batches.push([...items]));
    void commits.add(1);

    commits.flush();

    expect(batches).toEqual([[1]]);
    expect(commits.pending).toBe(0);
  });

  it('skips an empty flush', () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>((items) => batches.push([...items]));

    commits.flush();

    expect(batches).toEqual([]);
  });
});
