import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { getCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';

/** Open the database (applying migrations) and validate the content before serving anything. */
export const init: ServerInit = async () => {
	getDb();
	await getCourse();
};

/** Log the real error on the server; show the learner only a friendly sentence. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: 'Something went wrong on our side. Your work is saved; please try again.' };
};
