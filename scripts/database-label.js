// The database as logs and messages show it: DATABASE_URL (default data/app.db), with the
// password of a PostgreSQL URL hidden. Plain JavaScript, so `npm start` can use it before the build.
/** @param {string | undefined} url */
export function databaseLabel(url = process.env.DATABASE_URL) {
	return (url ?? 'data/app.db').replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@');
}
