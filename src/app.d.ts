// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionValidationResult } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: SessionValidationResult['user'];
			session: SessionValidationResult['session'];
			/** A session that has passed the password but still owes a two-factor code. */
			pendingTwoFactor: { sessionId: string; userId: string } | null;
		}
	}
}

declare module '*.md' {
	import type { Component } from 'svelte';
	const component: Component;
	export default component;
	export const metadata: Record<string, unknown>;
}

export {};
