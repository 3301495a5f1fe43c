import { ConfigError, loadConfig } from './config.ts';
import { connect } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { importContent } from './content/importer.ts';
import { ContentError } from './content/markdown.ts';
import { createServices } from './services.ts';
import { runCheckCommand } from './features/editorial/check-command.ts';

const usage = `Usage: caresite <command>

Commands:
  migrate            apply database migrations
  import <folder> [--force]
                     load Markdown content (articles, topics, people, pages) from a folder; an article
                     edited in the dashboard since its last import is refused unless --force
  create-admin --email <address> [--name <name>]
                     create the first admin account and print a one-time link to set its password
  check <file or folder> [--json] [--topics <folder>]
                     run the editorial checks (claims, sources, readability, language, structure)
                     on Markdown files; exits 1 when any error is found (needs no database)

The database is DATABASE_URL (default sqlite:./data/caresite.db).`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  // Before the configuration and the database: checking files must work on a machine without either.
  if (command === 'check') return runCheckCommand(args);
  const config = loadConfig();
  const db = connect(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    if (command === 'migrate') {
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }
    if (command === 'import') {
      const folder = args.find((a) => !a.startsWith('--'));
      if (!folder) {
        console.error('import needs a folder, e.g. caresite import content/demo');
        return 2;
      }
      const report = await importContent(createServices(db, { baseUrl: config.baseUrl }), folder, { force: args.includes('--force') });
      console.log(`imported ${report.articles} articles, ${report.topics} topics, ${report.people} people, ${report.testimonials} testimonials, ${report.pages} pages`);
      return 0;
    }
    if (command === 'create-admin') {
      const email = option(args, '--email');
      if (!email) {
        console.error('create-admin needs --email, e.g. caresite create-admin --email you@clinic.example');
        return 2;
      }
      const name = option(args, '--name') ?? email.split('@')[0] ?? 'Admin';
      const created = await createServices(db, { baseUrl: config.baseUrl }).staff.createAdmin(email, name);
      if (!created.ok) {
        console.error(created.error.message);
        return 1;
      }
      console.log(`Admin account created for ${email}.\nOpen this link to set the password (it works once, within 7 days):\n\n  ${created.value}\n`);
      return 0;
    }
    console.error(`unknown command "${command}"\n\n${usage}`);
    return 2;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError || err instanceof ContentError) {
    console.error(err.message);
    process.exitCode = 1;
  } else throw err;
}
