import { getCourse } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ glossary: (await getCourse()).glossary });
