import { defineConfig } from 'drizzle-kit';

// The PostgreSQL schema and its migrations, beside the SQLite ones (drizzle.config.ts): generate
// with `npm run db:generate:postgres`. The derived tables, their functions and triggers are a
// hand-written (custom) migration in the same folder.
export default defineConfig({
	schema: './src/lib/server/db/schema/postgres.ts',
	out: './drizzle/postgres',
	dialect: 'postgresql',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/app' },
	strict: true
});
