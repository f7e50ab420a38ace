// A visitor without a session cookie sees exactly the same lesson, source or glossary page as
// every other such visitor, so the server renders each of those pages once and then serves the
// stored copy (a first visit is the most common request of all). Pages are keyed by path only:
// URLs with a query string, other methods, responses that set cookies, and anything but a 200
// HTML page always go to SvelteKit. The Content-Security-Policy uses hashes, not per-response
// nonces (kit.csp mode 'hash'), so a stored page stays valid.

const CACHEABLE = /^\/(|glossary|lessons\/[a-z0-9-]+|sources\/[a-z0-9-]+)$/;

/** Enough for every page of the course; a bound all the same, as paths come from visitors. */
const MAX_PAGES = 100;

interface StoredPage {
	/** Encoded once, so serving a stored page copies bytes instead of encoding text again. */
	body: Uint8Array<ArrayBuffer>;
	headers: [string, string][];
}

export class GuestPageCache {
	#pages = new Map<string, StoredPage>();

	/**
	 * Whether this request may be answered from (and its response stored in) the cache. Not a
	 * data request (`__data.json`, when the browser's script navigates): SvelteKit gives those
	 * the page's own url, without the suffix, and they must get the page's data, not its HTML.
	 */
	applies(event: { request: Request; url: URL; isDataRequest: boolean }, hasSessionCookie: boolean): boolean {
		const { request, url } = event;
		return request.method === 'GET' && !event.isDataRequest && !hasSessionCookie && url.search === '' && CACHEABLE.test(url.pathname);
	}

	get(pathname: string): Response | null {
		const page = this.#pages.get(pathname);
		return page ? new Response(page.body, { status: 200, headers: page.headers }) : null;
	}

	/** Stores a fresh 200 HTML response that sets no cookie; returns a response to send instead. */
	async store(pathname: string, response: Response): Promise<Response> {
		const type = response.headers.get('content-type') ?? '';
		if (response.status !== 200 || !type.startsWith('text/html') || response.headers.has('set-cookie')) return response;
		if (this.#pages.size >= MAX_PAGES) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const headers = [...response.headers];
		this.#pages.set(pathname, { body, headers });
		return new Response(body, { status: 200, headers });
	}

	get size(): number {
		return this.#pages.size;
	}
}
