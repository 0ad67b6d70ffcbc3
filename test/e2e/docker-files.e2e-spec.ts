import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SECRET_VARIABLES } from '../../src/config/app-config';

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** The current Node.js Active LTS line (26, from 2026-10-28): the image must not fall behind it. */
const NODE_LTS = 26;

/**
 * What can be checked of docker/ without a Docker engine (none runs where this is built): the files the Dockerfile
 * copies and the compose file mounts exist, the image runs as a non-root user with its data in a volume, and every
 * command they run exists in the build (run `npx nest build` first) and answers `--help`.
 */
describe('docker/ files', () => {
  const dockerfile = read('docker/Dockerfile');
  const compose = read('docker/compose.yaml');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const runStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));

  it('builds and runs on one pinned major of the current Node.js LTS', () => {
    const images = instructions.filter((line) => line.startsWith('FROM ')).map((line) => line.split(/\s+/)[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      const major = /^node:(\d+)-[a-z]+-slim$/.exec(image)?.[1];
      expect(Number(major)).toBeGreaterThanOrEqual(NODE_LTS);
      expect(Number(major) % 2).toBe(0);
    }
    expect(new Set(images).size).toBe(1);
  });

  it('copies only files that exist in the build context', () => {
    const copies = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const sources = copy.split(/\s+/).slice(1, -1);
      for (const source of sources) expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
    }
  });

  it('runs as the node user, its embedded database in a volume it owns, and never rebuilds at start', () => {
    expect(runStage).toContain('USER node');
    const dataDir = /DATA_DIR=(\S+)/.exec(runStage.find((line) => line.startsWith('ENV '))!)?.[1];
    expect(dataDir).toBe('/app/data');
    expect(runStage).toContain(`VOLUME ${dataDir}`);
    expect(runStage.some((line) => line.startsWith('RUN ') && line.includes(`chown node:node ${dataDir}`))).toBe(true);
    expect(runStage.findIndex((line) => line === 'USER node')).toBeLessThan(
      runStage.findIndex((line) => line.startsWith('CMD ')),
    );
    expect(runStage.at(-1)).toBe('CMD ["node", "dist/main.js"]');
    expect(runStage.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/api/health/live');
  });

  it('has in the build every file the image and compose run, and each CLI command they call answers --help', () => {
    expect(existsSync(join(ROOT, 'dist/main.js'))).toBe(true);
    const commands = [...compose.matchAll(/command: \[(.*)\]/g)].map((match) =>
      match[1].split(',').map((part) => part.trim().replace(/^"|"$/g, '')),
    );
    expect(commands).toContainEqual(['node', 'dist/cli.js', 'migrate', 'run']);
    for (const [program, script, ...args] of commands) {
      expect(program).toBe('node');
      expect(existsSync(join(ROOT, script))).toBe(true);
      // Throws (failing the test) on a non-zero exit: an unknown command is one.
      execFileSync(process.execPath, [join(ROOT, script), args[0], '--help'], { cwd: ROOT, stdio: 'pipe' });
    }
  });

  it('mounts only files that exist, and takes secrets as *_FILE from files kept out of git and the image', () => {
    const dockerfilePath = /dockerfile: (\S+)/.exec(compose)?.[1];
    expect(existsSync(join(ROOT, dockerfilePath!))).toBe(true);
    for (const [, source] of compose.matchAll(/^\s+- (\.\/[^:]+):/gm)) {
      expect([source, existsSync(join(ROOT, 'docker', source))]).toEqual([source, true]);
    }
    const fileVariables = [...compose.matchAll(/^\s+([A-Z_]+)_FILE: \/run\/secrets\/(\w+)/gm)];
    expect(fileVariables.map(([, name]) => name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET']));
    for (const [, name, secret] of fileVariables) {
      // The app reads X_FILE for its own secret variables; postgres's image for its own (POSTGRES_PASSWORD).
      if (!name.startsWith('POSTGRES_')) expect(SECRET_VARIABLES).toContain(name);
      expect(compose).toMatch(new RegExp(`^  ${secret}:\\n    file: \\./secrets/${secret}$`, 'm'));
    }
    expect(compose).not.toMatch(/JWT_SECRET: /);
    expect(read('.gitignore').split('\n')).toContain('docker/secrets/');
    expect(read('docker/Dockerfile.dockerignore').split('\n')).toContain('docker/secrets');
  });
});
