import fs from 'node:fs';

/**
 * Everything the service in this process writes to stdout and stderr while a spec runs (pino
 * writes straight to the file descriptor), to search afterwards: registers its own beforeAll/afterAll.
 */
export function capturedLogs(): { text(): string } {
  const logs: string[] = [];
  const capture = (chunk: unknown) => {
    logs.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ArrayBuffer.isView(chunk) ? Buffer.from(chunk.buffer).toString('utf8') : String(chunk));
  };
  beforeAll(() => {
    const writeSync = fs.writeSync.bind(fs);
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, chunk: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) capture(chunk);
      return (writeSync as (...args: unknown[]) => number)(fd, chunk, ...rest);
    }) as typeof fs.writeSync);
    const write = process.stdout.write.bind(process.stdout);
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write);
  });
  afterAll(() => jest.restoreAllMocks());
  return { text: () => logs.join('') };
}
