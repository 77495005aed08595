import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './project/test-helpers';
import { checkRegularFile, createFileExclusive, fileSystemError, openRegularFile, readRegularFileOrNull } from './safe-fs';
import { UserError } from './user-error';

afterAll(removeTempDirs);

const dir = tempDir('neurite-safe-fs-');
const at = (name: string) => path.join(dir, name);

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('opening only regular files', () => {
  it('opens a regular file, and refuses a folder, a FIFO and a device by what they are, without blocking', () => {
    fs.writeFileSync(at('ok.txt'), 'hello');
    const { fd, size } = openRegularFile(at('ok.txt'));
    fs.closeSync(fd);
    expect(size).toBe(5);
    fs.mkdirSync(at('folder'));
    expect(thrown(() => openRegularFile(at('folder'))).message).toBe('"folder" is a folder, not a regular file; Neurite opens regular files only.');
    expect(spawnSync('mkfifo', [at('pipe')]).status).toBe(0);
    expect(thrown(() => openRegularFile(at('pipe'))).message).toBe('"pipe" is a named pipe (FIFO), not a regular file; Neurite opens regular files only.');
    expect(thrown(() => openRegularFile('/dev/zero')).message).toBe('"zero" is a device, not a regular file; Neurite opens regular files only.');
    expect(thrown(() => openRegularFile(at('missing'))).message).toBe('Neurite could not open "missing": there is no such file or folder.');
    expect(checkRegularFile(at('missing'))).toBeNull();
  });

  it('with noFollow, refuses a link as the last component; state files behind links or FIFOs read as absent', () => {
    fs.symlinkSync(at('ok.txt'), at('link.txt'));
    expect(thrown(() => openRegularFile(at('link.txt'), { noFollow: true })).message).toMatch(/is a symbolic link, which Neurite does not follow here/);
    expect(readRegularFileOrNull(at('ok.txt'))).toBe('hello');
    expect(readRegularFileOrNull(at('link.txt'))).toBeNull();
    expect(readRegularFileOrNull(at('pipe'))).toBeNull();
  });
});

describe('creating files exclusively', () => {
  it('never writes through a link, a dangling one included, and never over an existing file', () => {
    const outside = tempDir('neurite-safe-fs-outside-');
    fs.symlinkSync(path.join(outside, 'pwned.json'), at('dangling.json'));
    expect(thrown(() => createFileExclusive(at('dangling.json'), '{}')).message).toBe('Neurite could not create "dangling.json": something with that name already exists.');
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(thrown(() => createFileExclusive(at('ok.txt'), 'x')).code).toBe('file.EEXIST');
    expect(fs.readFileSync(at('ok.txt'), 'utf8')).toBe('hello');
    createFileExclusive(at('new.txt'), 'made');
    expect(fs.readFileSync(at('new.txt'), 'utf8')).toBe('made');
  });
});

describe('file system errors a user can cause are sentences', () => {
  it('a full disk (/dev/full), a long name, a path through a file, a folder written as a file', () => {
    const full = (() => {
      try {
        fs.writeFileSync('/dev/full', 'x');
      } catch (e) {
        return fileSystemError(e)!;
      }
      throw new Error('/dev/full accepted a write');
    })();
    // write(2) names no path, so the sentence says "the file".
    expect(full.message).toBe('Neurite could not write the file: the disk is full.');
    const cases: [() => unknown, string][] = [
      [() => fs.writeFileSync(at('n'.repeat(300)), 'x'), 'the name is too long for the file system'],
      [() => fs.writeFileSync(path.join(at('ok.txt'), 'inner'), 'x'), 'a part of the path is a file, not a folder'],
      [() => fs.writeFileSync(at('folder'), 'x'), 'it is a folder, not a file'],
    ];
    for (const [fn, sentence] of cases) {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      const mapped = fileSystemError(err);
      expect(mapped?.message).toContain(sentence);
      expect(mapped?.message).toMatch(/^Neurite could not \w+/);
    }
    // A bug is not the user's to fix: it stays unmapped (and is reported as internal).
    expect(fileSystemError(new TypeError('x is undefined'))).toBeNull();
    expect(fileSystemError(Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' }))?.message).toBe('Neurite could not use the file: the disk is full.');
  });
});
